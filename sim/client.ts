import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CookieJar } from './cookie-jar';

/** fetch-like function bound to a running sim, with its cookie jar. */
export type SimFetch = ((input: string | URL, init?: RequestInit) => Promise<Response>) & {
  readonly jar: CookieJar;
};

/** The parts of a Sim the client needs. */
export interface SimEndpoint {
  readonly port: number;
  readonly hosts: readonly string[];
  readonly certPem: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

async function encodeBody(body: RequestInit['body'], headers: Headers): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    return Buffer.from(body);
  }
  if (body instanceof URLSearchParams) {
    if (!headers.has('content-type'))
      headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    return Buffer.from(body.toString());
  }
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof FormData || body instanceof Blob) {
    // Like fetch: multipart with a generated boundary (uploads, docs/backend-facts.md §4.4), or the Blob's own type.
    const encoded = new Response(body);
    const type = encoded.headers.get('content-type');
    if (type && !headers.has('content-type')) headers.set('content-type', type);
    return Buffer.from(await encoded.arrayBuffer());
  }
  throw new TypeError(
    'createSimFetch: unsupported body type (use string, bytes, URLSearchParams, FormData or Blob)',
  );
}

/** Wraps a Node response as a web stream that errors (like fetch's "terminated") if the body is cut short. */
function bodyStream(res: IncomingMessage, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (cause: unknown): void => {
        if (done) return;
        done = true;
        controller.error(cause instanceof DOMException ? cause : new TypeError('terminated', { cause }));
      };
      res.on('data', (chunk: Buffer) => {
        if (!done) controller.enqueue(new Uint8Array(chunk));
      });
      res.on('end', () => {
        if (done) return;
        if (!res.complete) return fail(new Error('response body incomplete'));
        done = true;
        controller.close();
      });
      res.on('error', fail);
      res.on('close', () => fail(new Error('connection closed before the body completed')));
      signal?.addEventListener('abort', () => {
        fail(abortReason(signal));
        res.destroy();
      });
    },
    cancel() {
      done = true;
      res.destroy();
    },
  });
}

function toResponse(
  res: IncomingMessage,
  url: URL,
  redirected: boolean,
  method: string,
  signal?: AbortSignal,
): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  }
  const status = res.statusCode ?? 0;
  const empty = NULL_BODY.has(status) || method === 'HEAD';
  if (empty) res.resume();
  const response = new Response(empty ? null : bodyStream(res, signal), {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  });
  Object.defineProperty(response, 'url', { value: url.href });
  Object.defineProperty(response, 'redirected', { value: redirected });
  return response;
}

/**
 * fetch for Node tests: connects every sim host to 127.0.0.1:port over TLS, trusting only the sim's
 * certificate (SNI = the host), keeps cookies in `jar`, follows redirects, and honours AbortSignal.
 */
export function createSimFetch(sim: SimEndpoint): SimFetch {
  const jar = new CookieJar();

  const once = (url: URL, method: string, headers: Headers, body: Buffer | undefined, signal?: AbortSignal) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const out: Record<string, string> = { host: url.host };
      headers.forEach((v, k) => {
        out[k] = v;
      });
      const req = httpsRequest({
        host: '127.0.0.1',
        port: sim.port,
        servername: url.hostname,
        ca: sim.certPem,
        agent: false,
        method,
        path: `${url.pathname}${url.search}`,
        headers: out,
      });
      const onAbort = (): void => {
        req.destroy();
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('response', (res) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(res);
      });
      req.on('error', (e) => reject(new TypeError('fetch failed', { cause: e })));
      req.end(body);
    });

  const simFetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    let url = new URL(input);
    let method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    let body = await encodeBody(init.body, headers);
    const signal = init.signal ?? undefined;
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'https:' || !sim.hosts.includes(url.hostname)) {
        throw new TypeError(`createSimFetch: ${url.href} is not served by the sim`);
      }
      if (init.credentials !== 'omit') {
        const cookie = jar.header(url);
        if (cookie) headers.set('cookie', cookie);
        else headers.delete('cookie');
      }
      const res = await once(url, method, headers, body, signal);
      const setCookie = res.headers['set-cookie'] ?? [];
      if (init.credentials !== 'omit') for (const c of setCookie) jar.setCookie(c, url);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (!REDIRECTS.has(status) || !location || init.redirect === 'manual') {
        return toResponse(res, url, hop > 0, method, signal);
      }
      res.resume();
      if (init.redirect === 'error') throw new TypeError(`fetch failed: redirect to ${location}`);
      if (hop >= 20) throw new TypeError('fetch failed: too many redirects');
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      url = new URL(location, url);
    }
  };
  return Object.assign(simFetch, { jar });
}
