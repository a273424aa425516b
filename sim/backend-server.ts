import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import { createFaults, type SimFaults } from './faults';
import { json, type Reply, type SimRequest } from './http';
import { createLog, type SimLog, trackDelivery } from './log';
import { faultReply, readBody, send, sendHuge, sendTruncated, toSimRequest } from './pipeline';
import { makeCert } from './tls';
import type { FaultAction, LogEntry } from './types';

/** What one backend simulator (Videos API, task API) plugs into the shared HTTPS server. */
export interface BackendSimSpec {
  /** Hosts on the certificate; requests are answered whatever their Host, so tests pick any of them. */
  hosts: readonly string[];
  port?: number;
  label: string;
  route(req: SimRequest): Promise<Reply>;
  control(req: SimRequest): Reply;
}

/** The running server half: the parts every backend simulator shares with the Sora one. */
export interface BackendSimServer {
  readonly port: number;
  readonly hosts: readonly string[];
  readonly certPem: string;
  readonly spkiHash: string;
  /** `--host-resolver-rules` for the hosts and the SPKI allow-list (the Chromium flags the e2e harness passes). */
  chromiumArgs(): string[];
  readonly log: SimLog;
  readonly faults: SimFaults;
  close(): Promise<void>;
}

interface Deps {
  log: SimLog;
  faults: SimFaults;
  spec: BackendSimSpec;
}

async function answer(
  sreq: SimRequest,
  deps: Deps,
  entry: LogEntry,
  action: FaultAction | null,
): Promise<Reply> {
  try {
    if (action?.kind === 'throw') throw new Error(action.message ?? 'injected failure');
    return await deps.spec.route(sreq);
  } catch (e) {
    entry.error = e instanceof Error ? e.message : String(e);
    console.error(`[${deps.spec.label}] ${sreq.method} ${sreq.host}${sreq.path} failed:`, e);
    return json(500, {
      error: { message: 'Internal simulator error', type: 'server_error', code: 'internal_error' },
    });
  }
}

/**
 * One request, as the Sora sim's pipeline (sim/pipeline.ts `handle`) does it and with its pieces:
 * control API, log, then the fault actions every backend simulator supports.
 */
async function handleBackend(req: IncomingMessage, res: ServerResponse, deps: Deps): Promise<void> {
  const started = Date.now();
  const sreq = toSimRequest(req, await readBody(req));
  const head = sreq.method === 'HEAD';
  if (sreq.path.startsWith('/__sim/')) return send(res, deps.spec.control(sreq), head);
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
  if (action?.kind === 'hang') return;
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
  const reply = (action ? faultReply(action) : null) ?? (await answer(sreq, deps, entry, action));
  if (action?.kind === 'accept-then-drop') {
    finish(0);
    req.socket.destroy();
    return;
  }
  if (action?.kind === 'accept-then-cut' || action?.kind === 'truncate') {
    finish(action.kind === 'truncate' ? reply.status : 0);
    sendTruncated(res, reply, action.kind === 'truncate' ? action.afterBytes : 8);
    return;
  }
  finish(reply.status);
  send(res, reply, head);
}

/** Starts an HTTPS server on 127.0.0.1 with the Sora sim's request handling (log, faults, control). */
export async function startBackendServer(spec: BackendSimSpec): Promise<BackendSimServer> {
  const cert = await makeCert(spec.hosts);
  const log = createLog();
  // The quota hooks belong to the Sora sim; backend sims keep their own credit state.
  const faults = createFaults({ exhaust: () => {}, reset: () => {} });
  const sockets = new Set<Socket>();
  const server = createServer({ key: cert.keyPem, cert: cert.certPem });
  let closing: Promise<void> | undefined;
  const deps: Deps = { log, faults, spec };
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('request', (req, res) => {
    handleBackend(req, res, deps).catch((e: unknown) => {
      console.error(`[${spec.label}] request pipeline failed:`, e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Internal simulator error', code: 'internal_error' } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(spec.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (spec.port ?? 0);
  return {
    port,
    hosts: spec.hosts,
    certPem: cert.certPem,
    spkiHash: cert.spkiHash,
    chromiumArgs: () => [
      `--host-resolver-rules=${spec.hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`,
      `--ignore-certificate-errors-spki-list=${cert.spkiHash}`,
    ],
    log,
    faults,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
