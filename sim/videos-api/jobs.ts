import { randomBytes } from 'node:crypto';
import type { SimVideo, VideoStatus } from './types';

/** The status and progress of a job at `now`: queued for the first tenth, then in progress, then done. */
export function videoState(v: SimVideo, now: number): { status: VideoStatus; progress: number } {
  const elapsed = now - v.createdAtMs;
  if (v.failure && elapsed >= v.renderMs / 2) return { status: 'failed', progress: 50 };
  if (elapsed >= v.renderMs) return { status: 'completed', progress: 100 };
  if (elapsed < v.renderMs / 10) return { status: 'queued', progress: 0 };
  return { status: 'in_progress', progress: Math.min(99, Math.floor((elapsed / v.renderMs) * 100)) };
}

/** True while a job still takes one of its key's concurrent slots. */
export const isActive = (v: SimVideo, now: number): boolean => {
  const { status } = videoState(v, now);
  return status === 'queued' || status === 'in_progress';
};

/** In-memory job list, newest last. */
export class VideoStore {
  private list: SimVideo[] = [];
  private seq = 0;

  add(v: Omit<SimVideo, 'id' | 'seq' | 'expiredAtMs' | 'deletedAtMs'>): SimVideo {
    const video: SimVideo = {
      ...v,
      id: `video_${randomBytes(12).toString('hex')}`,
      seq: ++this.seq,
      expiredAtMs: null,
      deletedAtMs: null,
    };
    this.list.push(video);
    return video;
  }

  /** A video not deleted (a deleted one answers 404 everywhere). */
  get(id: string): SimVideo | undefined {
    return this.list.find((v) => v.id === id && v.deletedAtMs === null);
  }

  /** `DELETE /videos/{id}`: gone from the list and from every endpoint; false when there was none. */
  delete(id: string, now: number): boolean {
    const v = this.get(id);
    if (!v) return false;
    v.deletedAtMs = now;
    return true;
  }

  /** Every video not deleted. */
  all(): readonly SimVideo[] {
    return this.list.filter((v) => v.deletedAtMs === null);
  }

  activeFor(key: string, now: number): number {
    return this.all().filter((v) => v.key === key && isActive(v, now)).length;
  }

  /**
   * Newest first (`desc`, the default) or oldest first; creation order breaks same-second ties.
   * Deleted videos stay in (the list leaves them out) so a cursor naming one still pages on.
   */
  ordered(order: 'asc' | 'desc'): SimVideo[] {
    const asc = [...this.list].sort((a, b) => a.createdAtMs - b.createdAtMs || a.seq - b.seq);
    return order === 'asc' ? asc : asc.reverse();
  }
}

/** The `Video` object (OAI-PY `types/video.py`; docs/backend-facts.md §11.1): timestamps in Unix seconds. */
export function videoView(v: SimVideo, now: number, assetTtlMs: number): Record<string, unknown> {
  const { status, progress } = videoState(v, now);
  const completedMs = v.createdAtMs + v.renderMs;
  const secs = (ms: number): number => Math.floor(ms / 1000);
  return {
    id: v.id,
    object: 'video',
    model: v.model,
    status,
    progress,
    created_at: secs(v.createdAtMs),
    completed_at: status === 'completed' ? secs(completedMs) : null,
    expires_at: status === 'completed' ? secs(completedMs + assetTtlMs) : null,
    error: status === 'failed' ? v.failure : null,
    prompt: v.prompt,
    remixed_from_video_id: v.remixedFrom,
    seconds: v.seconds,
    size: v.size,
  };
}
