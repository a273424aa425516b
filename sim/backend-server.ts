import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import { createFaults, type SimFaults } from './faults';
import type { Reply, SimRequest } from './http';
import { createLog, type SimLog } from './log';
import { handle } from './pipeline';
import { makeCert } from './tls';

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

/** Starts an HTTPS server on 127.0.0.1 with the Sora sim's request pipeline (log, faults, control). */
export async function startBackendServer(spec: BackendSimSpec): Promise<BackendSimServer> {
  const cert = await makeCert(spec.hosts);
  const log = createLog();
  // The quota hooks belong to the Sora sim; backend sims keep their own credit state.
  const faults = createFaults({ exhaust: () => {}, reset: () => {} });
  const sockets = new Set<Socket>();
  const server = createServer({ key: cert.keyPem, cert: cert.certPem });
  let closing: Promise<void> | undefined;
  const deps = {
    log,
    faults,
    label: spec.label,
    isControl: (r: SimRequest) => r.path.startsWith('/__sim/'),
    control: spec.control,
    route: spec.route,
  };
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('request', (req, res) => {
    handle(req, res, deps).catch((e: unknown) => {
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
