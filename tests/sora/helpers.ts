import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUEST_TIMEOUT_MS } from '@/lib/backend/timeouts';
import { createSoraClient } from '@/lib/sora/client';
import { createHttp, type RequestLogEntry } from '@/lib/sora/http';
import { createSentinel } from '@/lib/sora/sentinel';
import { type CachedToken, createSession, type TokenStore } from '@/lib/sora/session';
import { createSoraBackend } from '@/lib/sora/sora-backend';

/** A golden fixture written from the facts; arrays are stored under `body` next to `_source`. */
export function fixture(name: string): unknown {
  const raw = JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  if (!('_source' in raw)) throw new Error(`fixture ${name} has no _source`);
  if ('body' in raw) return raw.body;
  const { _source: _, ...rest } = raw;
  return rest;
}

/** An unsigned JWT with `exp` (the client never verifies signatures). */
export function jwt(expMs: number, extra = ''): string {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'HS256' })}.${b64({ exp: Math.floor(expMs / 1000), n: extra })}.sig`;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: RequestInit['body'];
}

type Handler = Response | ((call: Call) => Response | Promise<Response>);

/**
 * A fetch that answers by `"METHOD /path"` (query ignored); a list answers in turn, its last entry
 * repeating. Unknown routes answer 404 JSON. Every call is recorded.
 */
export function routeFetch(routes: Record<string, Handler | Handler[]>) {
  const calls: Call[] = [];
  const used = new Map<string, number>();
  const fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const key = `${init.method ?? 'GET'} ${url.host === 'sora.chatgpt.com' ? '' : url.host}${url.pathname}`;
    const call = {
      method: init.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers: new Headers(init.headers),
      body: init.body,
    };
    calls.push(call);
    const entry = routes[key];
    if (!entry) return json(404, { error: { message: 'Not found', code: 'not_found' } });
    const list = Array.isArray(entry) ? entry : [entry];
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    const handler = list[Math.min(n, list.length - 1)]!;
    return typeof handler === 'function' ? handler(call) : handler.clone();
  };
  return { fetch, calls };
}

/** A sentinel token string as the page SDK returns it (docs/backend-facts.md §3.2). */
export const sentinelString = (id = 'did-1', c = 'c1'): string =>
  JSON.stringify({ p: 'gAAAAABxx~S', t: 't', c, id, flow: 'sora_2_create_task' });

export interface StackOptions {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  now?: () => number;
  runInPage?: (flow: string) => Promise<string | null>;
  reloadSoraPage?: () => Promise<void>;
  timeoutMs?: number;
  /** The HTTP layer's jitter source (its backoff after a 429/503 without Retry-After). */
  random?: () => number;
  /** Where the session keeps its token besides memory (default: a plain variable, see `stored()`). */
  store?: TokenStore;
}

/** The real client stack over a fake fetch: http → session/sentinel → client → backend. */
export function createStack(opts: StackOptions) {
  const now = opts.now ?? (() => Date.now());
  const log: RequestLogEntry[] = [];
  let stored: CachedToken | null = null;
  const http = createHttp({
    fetch: opts.fetch,
    now,
    log: (e) => log.push(e),
    timeoutMs: opts.timeoutMs ?? REQUEST_TIMEOUT_MS,
    ...(opts.random ? { random: opts.random } : {}),
  });
  const reloads = { count: 0 };
  const session = createSession({
    http,
    now,
    store: opts.store ?? {
      get: async () => stored,
      set: async (t) => {
        stored = t;
      },
    },
    reloadSoraPage: async () => {
      reloads.count++;
      await opts.reloadSoraPage?.();
    },
  });
  const pageCalls = { count: 0 };
  const sentinel = createSentinel({
    now,
    runInPage: async (flow) => {
      pageCalls.count++;
      return opts.runInPage ? opts.runInPage(flow) : sentinelString();
    },
  });
  const client = createSoraClient({ http, session, sentinel, now });
  const backend = createSoraBackend(client, session, { now, random: () => 0.5 });
  return { http, session, sentinel, client, backend, log, reloads, pageCalls, stored: () => stored };
}
