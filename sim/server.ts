import { randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import { AuthState } from './auth-state';
import type { SimContext } from './context';
import { createFaults } from './faults';
import { SimLibrary } from './library';
import { createLog } from './log';
import { MediaStore } from './media-store';
import { handle } from './pipeline';
import { Quota } from './quota';
import { handleControl } from './routes/control';
import { SentinelState } from './sentinel-state';
import { DEFAULT_SETTINGS, mergeSettings } from './settings';
import { TaskStore } from './tasks';
import { makeCert, SIM_HOSTS } from './tls';
import type { Sim, SimOptions, SimSettings, SimTask } from './types';

/** Starts the simulator on 127.0.0.1 (port 0 = random). */
export async function startSim(opts: SimOptions = {}): Promise<Sim> {
  const { port: wantPort = 0, ...patch } = opts;
  let settings: SimSettings = mergeSettings({ ...DEFAULT_SETTINGS }, patch);
  const cert = await makeCert();
  const secret = randomBytes(32);
  const started = Date.now();
  const quota = new Quota(() => settings, started);
  const ctx = {
    settings: () => settings,
    now: () => Date.now(),
    secret,
    auth: new AuthState(secret),
    sentinel: new SentinelState(),
    tasks: new TaskStore(),
    quota,
    media: new MediaStore(),
  } as SimContext;
  ctx.library = new SimLibrary(ctx);
  const log = createLog();
  const faults = createFaults({ exhaust: () => quota.exhaust(), reset: () => quota.reset(Date.now()) });
  const sockets = new Set<Socket>();
  let closing: Promise<void> | undefined;
  const server = createServer({ key: cert.keyPem, cert: cert.certPem });

  const sim: Sim = {
    port: 0,
    hosts: SIM_HOSTS,
    certPem: cert.certPem,
    spkiHash: cert.spkiHash,
    chromiumArgs: () => [
      `--host-resolver-rules=${SIM_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${sim.port}`).join(', ')}`,
      `--ignore-certificate-errors-spki-list=${cert.spkiHash}`,
    ],
    get settings() {
      return { ...settings };
    },
    set(partial) {
      settings = mergeSettings(settings, partial);
      if (partial.resetsInSeconds !== undefined) quota.restartWindow(Date.now());
    },
    faults,
    log,
    signOut: () => {
      ctx.auth.signedIn = false;
    },
    signIn: () => {
      ctx.auth.signedIn = true;
    },
    addExternalTask: (o = {}) => addExternal(ctx, o.renderMs),
    tasks: (): readonly SimTask[] => ctx.tasks.all(Date.now()),
    library: ctx.library,
    currentAccessToken: () => ctx.auth.current(Date.now()),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy(); // includes hung requests, which would otherwise hold close() open
      });
      return closing;
    },
  };

  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {}); // resets from clients (drops, aborts) must not crash the process
  });
  server.on('tlsClientError', () => {});
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('request', (req, res) => {
    handle(req, res, { ctx, log, faults, control: (r) => handleControl(r, ctx, sim) }).catch((e: unknown) => {
      console.error('[sora-sim] request pipeline failed:', e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Internal simulator error', code: 'internal_error' } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wantPort, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  Object.defineProperty(sim, 'port', { value: typeof addr === 'object' && addr ? addr.port : wantPort });
  return sim;
}

/** docs/backend-facts.md §8 "tasks created from other tabs/devices also appear in pending/v2"; they use the account's quota too. */
function addExternal(ctx: SimContext, renderMs?: number): string {
  const s = ctx.settings();
  const now = ctx.now();
  const task = ctx.tasks.add({
    kind: 'video',
    external: true,
    prompt: 'A generation started in another tab',
    model: 'sy_8',
    orientation: 'portrait',
    size: 'small',
    nFrames: 300,
    cost: 1,
    createdAt: now,
    renderMs: renderMs ?? s.renderMs,
    draftLagMs: s.draftLagMs,
    outcome: 'sora_draft',
  });
  ctx.quota.consume(1);
  return task.id;
}
