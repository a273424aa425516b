/** `h:mm:ss` (or `m:ss`) until `at`; `0:00` once it has passed. Language-neutral digits. */
export function countdown(at: number, now: number): string {
  const total = Math.max(0, Math.round((at - now) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A job's time: clock time today, date and time otherwise, in the browser's language. */
export function jobTime(at: number, now: number): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A length of time as `m:ss` (or `h:mm:ss`). */
export function duration(ms: number): string {
  return countdown(ms, 0);
}
