import type { SimTaskStatus } from './types';

/** Fractions of renderMs at which the pending status changes (shape of docs/backend-facts.md §5.1 observed sequence). */
export const PHASES = { queuedAt: 0.1, runningAt: 0.2, processingAt: 0.95 } as const;

/** Timing of one video task. */
export interface TaskTiming {
  createdAt: number;
  renderMs: number;
  draftLagMs: number;
}

/** Status and progress of a video task at `now`. */
export function videoStatusAt(
  t: TaskTiming,
  now: number,
): { status: SimTaskStatus; progressPct: number | null } {
  const elapsed = now - t.createdAt;
  if (elapsed >= t.renderMs + t.draftLagMs) return { status: 'done', progressPct: 1 };
  if (elapsed >= t.renderMs) return { status: 'indexing', progressPct: 1 };
  const f = t.renderMs > 0 ? elapsed / t.renderMs : 1;
  // docs/backend-facts.md §5.1: progress_pct is null early (preprocessing/queued), a 0–1 fraction while running.
  if (f < PHASES.queuedAt) return { status: 'preprocessing', progressPct: null };
  if (f < PHASES.runningAt) return { status: 'queued', progressPct: null };
  if (f < PHASES.processingAt) {
    const pct = (f - PHASES.runningAt) / (PHASES.processingAt - PHASES.runningAt);
    return { status: 'running', progressPct: Math.min(0.99, Math.floor(pct * 100) / 100) };
  }
  return { status: 'processing', progressPct: 1 };
}

/** Whether a status means the task is listed in pending (and counts toward the cap). */
export const isPending = (s: SimTaskStatus): boolean =>
  s === 'preprocessing' || s === 'queued' || s === 'running' || s === 'processing';
