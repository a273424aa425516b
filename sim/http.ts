import type { IncomingHttpHeaders } from 'node:http';

/** A parsed incoming request, handed to route handlers. */
export interface SimRequest {
  method: string;
  /** Host header without the port, lowercased. */
  host: string;
  /** Path without the query, as sent (percent-encoding kept, e.g. media `%2F`). */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  rawBody: Buffer;
  /** Parsed JSON when the body is JSON, the text otherwise, undefined when empty. */
  body: unknown;
}

/** A complete response; handlers build these so faults can cut, delay or drop them. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Flattens Node's headers to lowercased name → string. */
export function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Parses a Cookie header (first value wins, like browsers send most specific first). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Parses a body as JSON if it looks like JSON, else returns the text. */
export function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** JSON reply (docs/backend-facts.md §7.3: errors are JSON objects). */
export function json(status: number, value: unknown, headers: Record<string, string | string[]> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

/** HTML reply. */
export function html(status: number, markup: string, headers: Record<string, string | string[]> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
    body: Buffer.from(markup),
  };
}

/** Builds the standard OpenAI error body (docs/backend-facts.md §7.3). */
export function apiError(
  message: string,
  code: string | null,
  type = 'invalid_request_error',
  param: string | null = null,
) {
  return { error: { message, type, param, code } };
}

/** The sim's 404 for anything it does not know. */
export const notFound = (): Reply => json(404, { error: { message: 'Not found', code: 'not_found' } });
