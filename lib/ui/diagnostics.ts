import type { EventRow, RequestLogRow } from '@/lib/db/schema';

/** What "copy diagnostics" puts on the clipboard: versions, counts, and the already-masked logs. */
export interface Diagnostics {
  extension: string;
  userAgent: string;
  at: string;
  counts: Record<string, number>;
  requests: RequestLogRow[];
  events: EventRow[];
}

/**
 * The diagnostics text. Request URLs are masked where they are logged (lib/sora/http.ts); events
 * carry no prompts, so nothing here identifies the user's content or account.
 */
export function diagnosticsText(d: Diagnostics): string {
  return JSON.stringify(d, null, 2);
}
