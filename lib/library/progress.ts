import type { BackupRunRow } from './rows';

export interface BackupCounts {
  total: number;
  done: number;
  failed: number;
}

export interface BackupProgress extends BackupCounts {
  bytes: number;
  /** Bytes per second while running, null until something was saved. */
  speed: number | null;
  /** Milliseconds left at the pace so far, null while unknown. */
  leftMs: number | null;
}

/** Speed and time left from what the run has done in its active time (pauses do not count). */
export function backupProgress(
  run: Pick<BackupRunRow, 'bytes' | 'activeMs'>,
  counts: BackupCounts,
): BackupProgress {
  const seconds = run.activeMs / 1000;
  const speed = counts.done > 0 && seconds > 0 ? run.bytes / seconds : null;
  const left = counts.total - counts.done - counts.failed;
  const leftMs = counts.done > 0 && run.activeMs > 0 ? Math.round((run.activeMs / counts.done) * left) : null;
  return { ...counts, bytes: run.bytes, speed, leftMs };
}

/** `12.3 MB` style sizes. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
