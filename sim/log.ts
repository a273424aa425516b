import type { ServerResponse } from 'node:http';
import type { LogEntry, LogFilter, RequestLog } from './types';

/** Tests whether a path matches a filter path: exact, `*` suffix prefix, or RegExp. */
export function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (pattern instanceof RegExp) {
    pattern.lastIndex = 0; // a /g regexp would otherwise remember its position between calls
    return pattern.test(path);
  }
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

/** The request log plus the sim-side hooks to add and complete entries. */
export interface SimLog extends RequestLog {
  start(e: Omit<LogEntry, 'seq' | 'status' | 'durationMs'>): LogEntry;
}

/** Creates an in-memory request log. Entries are completed in place when their response ends. */
export function createLog(): SimLog {
  let list: LogEntry[] = [];
  let seq = 0;
  const filter = (f: LogFilter): LogEntry[] =>
    list.filter(
      (e) =>
        (!f.method || e.method === f.method.toUpperCase()) &&
        (!f.host || e.host === f.host) &&
        (!f.path || pathMatches(f.path, e.path)),
    );
  return {
    start(e) {
      const entry: LogEntry = { seq: ++seq, status: 0, durationMs: 0, ...e };
      list.push(entry);
      return entry;
    },
    entries: () => [...list],
    filter,
    count: (method, path) => filter({ method, path }).length,
    clear() {
      list = [];
    },
  };
}

/** Records on the entry whether its answer reached the socket whole or the connection closed first. */
export function trackDelivery(entry: LogEntry, res: ServerResponse): void {
  res.once('finish', () => {
    entry.delivered = 'whole';
    entry.deliveredAt = Date.now();
  });
  res.once('close', () => {
    entry.delivered ??= 'cut';
  });
}
