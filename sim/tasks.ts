import { genId, taskId, uuid } from './ids';
import { isPending, videoStatusAt } from './timeline';
import type { SimTask } from './types';

/** What a caller supplies to create a task. */
export type NewTask = Omit<
  SimTask,
  'id' | 'genId' | 'mediaId' | 'finishesAt' | 'draftAt' | 'status' | 'progressPct'
>;

type TaskRecord = Omit<SimTask, 'status' | 'progressPct'>;

/** Every task ever created; status is derived from the clock at read time, so no timers run. */
export class TaskStore {
  private readonly list: TaskRecord[] = [];

  add(t: NewTask): SimTask {
    const finishesAt = t.createdAt + t.renderMs;
    const rec: TaskRecord = {
      ...t,
      id: taskId(),
      genId: genId(),
      mediaId: uuid(),
      finishesAt,
      draftAt: finishesAt + t.draftLagMs,
    };
    this.list.push(rec);
    return this.view(rec, t.createdAt);
  }

  all(now: number): SimTask[] {
    return this.list.map((r) => this.view(r, now));
  }

  /** Video tasks still listed in pending, newest first. */
  pending(now: number): SimTask[] {
    return this.all(now)
      .filter((t) => t.kind === 'video' && isPending(t.status))
      .reverse();
  }

  /** Video tasks whose draft is visible, newest draft first. */
  drafts(now: number): SimTask[] {
    return this.all(now)
      .filter((t) => t.kind === 'video' && t.status === 'done')
      .reverse() // newest task first; the stable sort keeps that order for equal draftAt
      .sort((a, b) => b.draftAt - a.draftAt);
  }

  /** Deletes a finished generation (sim addition for the library: a draft deleted mid-backup). */
  remove(genId: string): boolean {
    const at = this.list.findIndex((r) => r.genId === genId);
    if (at >= 0) this.list.splice(at, 1);
    return at >= 0;
  }

  byGenId(id: string, now: number): SimTask | undefined {
    return this.drafts(now).find((t) => t.genId === id);
  }

  /** Finds the task that owns a media blob uuid. */
  byMediaId(id: string, now: number): SimTask | undefined {
    return this.all(now).find((t) => t.mediaId === id);
  }

  private view(r: TaskRecord, now: number): SimTask {
    if (r.kind === 'image') {
      const elapsed = now - r.createdAt;
      const status = elapsed >= r.renderMs ? 'done' : elapsed >= r.renderMs / 5 ? 'running' : 'queued';
      const progressPct =
        status === 'done' ? 1 : status === 'running' ? Math.min(0.99, elapsed / r.renderMs) : null;
      return { ...r, status, progressPct };
    }
    return { ...r, ...videoStatusAt(r, now) };
  }
}
