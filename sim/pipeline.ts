import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../lib/errors';
import type { SimContext } from './context';
import type { SimFaults } from './faults';
import { flatHeaders, html, json, parseBody, parseCookies, type Reply, type SimRequest } from './http';
import { type SimLog, trackDelivery } from './log';
import { route } from './router';
import type { FaultAction, LogEntry } from './types';

const MAX_BODY = 20 * 1024 * 1024;

/** What the request pipeline needs from the sim. */
export interface PipelineDeps {
  ctx: SimContext;
  log: SimLog;
  faults: SimFaults;
  control(req: SimRequest): Reply;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function toSimRequest(req: IncomingMessage, raw: Buffer): SimRequest {
  const url = new URL(req.url ?? '/', 'https://sim.invalid');
  const headers = flatHeaders(req.headers);
  const host = (headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    host,
    path: rawPath,
    query: Object.fromEntries(url.searchParams),
    headers,
    cookies: parseCookies(headers.cookie),
    rawBody: raw,
    body: parseBody(raw),
  };
}

function withLength(reply: Reply): Reply {
  const hasBody = reply.status !== 204 && reply.status !== 304;
  return hasBody && !('content-length' in reply.headers)
    ? { ...reply, headers: { ...reply.headers, 'content-length': String(reply.body.length) } }
    : reply;
}

/** Writes a reply; HEAD gets headers only. */
export function send(res: ServerResponse, reply: Reply, head: boolean): void {
  const r = withLength(reply);
  res.writeHead(r.status, r.headers);
  res.end(head || r.status === 204 || r.status === 304 ? undefined : r.body);
}

/** Sends headers with the full Content-Length, then `afterBytes` of body, then cuts the connection. */
export function sendTruncated(res: ServerResponse, reply: Reply, afterBytes: number): void {
  const r = withLength(reply);
  res.writeHead(r.status, r.headers);
  const socket = res.socket;
  res.write(r.body.subarray(0, afterBytes), () => {
    socket?.end(); // graceful FIN so the written bytes arrive, then the body is short of Content-Length
    setTimeout(() => socket?.destroy(), 1000).unref();
  });
}

/** How long until the task named in a create answer has left pending or reached drafts (0 if unknown). */
function holdDelay(reply: Reply, deps: PipelineDeps, until: 'task-finished' | 'task-drafted'): number {
  const id = (parseBody(reply.body) as { id?: unknown } | undefined)?.id;
  const now = deps.ctx.now();
  const task = deps.ctx.tasks.all(now).find((t) => t.id === id);
  if (!task) return 0;
  return Math.max(0, (until === 'task-finished' ? task.finishesAt : task.draftAt) - now);
}

/** Keeps the request open for `ms` (the task renders on), then cuts its answer; a client that gave up ends it early. */
function holdThenCut(res: ServerResponse, reply: Reply, ms: number): void {
  const timer = setTimeout(() => {
    if (!res.destroyed && !res.socket?.destroyed) sendTruncated(res, reply, 8);
  }, ms + 50);
  res.on('close', () => clearTimeout(timer));
}

/** Streams a syntactically valid JSON object of exactly `bytes` bytes (at least 12), minding backpressure. */
export function sendHuge(res: ServerResponse, bytes: number, chunked: boolean): void {
  const head = Buffer.from('{"pad":"');
  const tail = Buffer.from('"}');
  const padTotal = Math.max(0, bytes - head.length - tail.length);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(chunked ? {} : { 'content-length': String(head.length + padTotal + tail.length) }),
  });
  res.write(head);
  let left = padTotal;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}

export function faultReply(action: FaultAction): Reply | null {
  if (action.kind === 'status') {
    const isText = typeof action.body === 'string';
    const body =
      action.body === undefined ? { error: { message: `HTTP ${action.status}`, code: null } } : action.body;
    if (!isText) return json(action.status, body, action.headers);
    return {
      status: action.status,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...action.headers },
      body: Buffer.from(String(body)),
    };
  }
  if (action.kind === 'html') return html(action.status, action.html, action.headers);
  if (action.kind === 'redirect')
    return { status: action.status ?? 302, headers: { location: action.location }, body: Buffer.alloc(0) };
  return null;
}

async function runHandler(
  req: SimRequest,
  deps: PipelineDeps,
  entry: LogEntry,
  action: FaultAction | null,
): Promise<Reply> {
  try {
    if (action?.kind === 'throw') throw new Error(action.message ?? 'injected failure');
    return await route(req, deps.ctx);
  } catch (e) {
    // Never crash the server: unhandled errors become a logged 500 JSON.
    entry.error = errorMessage(e);
    console.error(`[sora-sim] ${req.method} ${req.host}${req.path} failed:`, e);
    return json(500, {
      error: {
        message: 'Internal simulator error',
        type: 'server_error',
        param: null,
        code: 'internal_error',
      },
    });
  }
}

/** Handles one request: control API, log, faults, routing. */
export async function handle(req: IncomingMessage, res: ServerResponse, deps: PipelineDeps): Promise<void> {
  const started = Date.now();
  const raw = await readBody(req);
  const sreq = toSimRequest(req, raw);
  const head = sreq.method === 'HEAD';
  if (sreq.host === 'sora.chatgpt.com' && sreq.path.startsWith('/__sim/'))
    return send(res, deps.control(sreq), head);

  const isWrite = !['GET', 'HEAD', 'OPTIONS'].includes(sreq.method);
  const entry = deps.log.start({
    at: started,
    method: sreq.method,
    host: sreq.host,
    path: sreq.path,
    query: sreq.query,
    headers: sreq.headers,
    ...(isWrite && sreq.body !== undefined ? { body: sreq.body } : {}),
  });
  trackDelivery(entry, res);
  const finish = (status: number): void => {
    entry.status = status;
    entry.durationMs = Date.now() - started;
  };
  const action = deps.faults.take(sreq.method, sreq.host, sreq.path);
  if (action) entry.fault = action.kind;

  if (action?.kind === 'hang') return; // socket stays open until the client gives up or close() runs
  if (action?.kind === 'drop') {
    finish(0);
    req.socket.destroy();
    return;
  }
  if (action?.kind === 'delay') await new Promise((r) => setTimeout(r, action.ms));
  if (action?.kind === 'huge') {
    finish(200);
    sendHuge(res, action.bytes, action.chunked ?? false);
    return;
  }
  const canned = action ? faultReply(action) : null;
  // A duplicated POST: the first handling's answer is lost on the closed connection, the resend's is sent.
  if (action?.kind === 'duplicate' && !canned) await runHandler(sreq, deps, entry, action);
  const reply = canned ?? (await runHandler(sreq, deps, entry, action));
  if (action?.kind === 'accept-then-hang') return; // the work is done; the answer never comes
  if (action?.kind === 'accept-then-cut' && action.holdUntil) {
    finish(0);
    holdThenCut(res, reply, holdDelay(reply, deps, action.holdUntil));
    return;
  }
  if (action?.kind === 'accept-then-drop') {
    finish(0);
    req.socket.destroy();
    return;
  }
  if (action?.kind === 'accept-then-cut') {
    finish(0);
    sendTruncated(res, reply, 8);
    return;
  }
  if (action?.kind === 'truncate') {
    finish(reply.status);
    sendTruncated(res, reply, action.afterBytes);
    return;
  }
  finish(reply.status); // recorded before sending so a client that got the response always sees it logged
  send(res, reply, head);
}
