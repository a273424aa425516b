import { z } from 'zod';
import { controlError, controlOk, patchSettings, sharedControl } from '../backend-control';
import { startBackendServer } from '../backend-server';
import type { Reply, SimRequest } from '../http';
import { mediaContent } from '../media-content';
import type { FaultAction } from '../types';
import { creditsLeft, flagOf, routeTaskApi, type TaskApiContext, taskSeed } from './routes';
import type { TaskApiFaults, TaskApiSettings, TaskApiSim } from './types';

/** The API host and the CDN host its result links point at. */
export const TASK_API_HOSTS = ['task-api.sim.test', 'cdn.task-api.sim.test'] as const;

export const DEFAULT_TASK_API_SETTINGS: TaskApiSettings = {
  basePath: '/api/v1/sora2',
  keys: ['tk-sim-task-1', 'tk-sim-task-2'],
  credits: 100,
  renderMs: 3000,
  concurrencyPerKey: 3,
  retryAfterSeconds: 2,
  mediaBytes: 65_536,
  retentionMs: 15 * 86_400_000,
  contentPolicyPattern: null,
};

const SettingsSchema = z
  .object({
    basePath: z.string().regex(/^(\/[\w.-]+)*$/),
    keys: z.array(z.string().min(1)),
    credits: z.number().int().nonnegative(),
    renderMs: z.number().int().nonnegative(),
    concurrencyPerKey: z.number().int().positive(),
    retryAfterSeconds: z.number().nonnegative(),
    mediaBytes: z.number().int().min(64),
    retentionMs: z.number().int().nonnegative(),
    contentPolicyPattern: z.string().min(1).nullable(),
  })
  .partial()
  .strict();

function keyOf(req: SimRequest): string | null {
  const key = (req.body as { key?: unknown } | undefined)?.key;
  return typeof key === 'string' ? key : null;
}

function control(req: SimRequest, sim: TaskApiSim): Reply {
  const times = (): number => Number((req.body as { times?: unknown } | undefined)?.times ?? 1);
  switch (`${req.method} ${req.path}`) {
    case 'GET /__sim/tasks':
      return controlOk(sim.tasks());
    case 'GET /__sim/settings':
      return controlOk(sim.settings);
    case 'POST /__sim/settings':
      return patchSettings(
        req,
        (p) => sim.set(p),
        () => sim.settings,
      );
    case 'POST /__sim/revoke-key':
    case 'POST /__sim/out-of-credits':
    case 'POST /__sim/refill': {
      const key = keyOf(req);
      if (!key) return controlError('body must be {"key": "…"}');
      if (req.path === '/__sim/revoke-key') sim.faults.revokeKey(key);
      else if (req.path === '/__sim/out-of-credits') sim.faults.outOfCredits(key);
      else sim.faults.refill(key);
      return controlOk({ credits: sim.creditsOf(key) });
    }
    case 'POST /__sim/fail-next':
      sim.faults.failNext(times());
      return controlOk();
    case 'POST /__sim/fail-creation-next':
      sim.faults.failCreationNext(times());
      return controlOk();
    case 'POST /__sim/expire-results':
      sim.faults.expireResults();
      return controlOk();
    default:
      return controlError(`unknown control route ${req.method} ${req.path}`);
  }
}

/**
 * Starts a simulator of the commercial seed's task API (docs/backend-facts.md §12): generate,
 * record-info, and a public CDN whose files expire.
 */
export async function startTaskApiSim(
  opts: Partial<TaskApiSettings> & { port?: number } = {},
): Promise<TaskApiSim> {
  const { port, ...patch } = opts;
  let settings: TaskApiSettings = { ...DEFAULT_TASK_API_SETTINGS, ...SettingsSchema.parse(patch) };
  const ctx: TaskApiContext = {
    settings: () => settings,
    now: () => Date.now(),
    tasks: [],
    revoked: new Set(),
    spent: new Map(),
    granted: new Map(),
    pending: { fail: 0, failCreation: 0 },
    cdnHost: TASK_API_HOSTS[1],
  };
  let sim: TaskApiSim | undefined;
  const server = await startBackendServer({
    hosts: TASK_API_HOSTS,
    ...(port === undefined ? {} : { port }),
    label: 'task-api-sim',
    route: (req) => routeTaskApi(req, ctx),
    control: (req) => (sim ? (sharedControl(req, server) ?? control(req, sim)) : controlError('starting')),
  });
  const on = (path: string | RegExp, times: number, action: FaultAction, method?: string): void =>
    server.faults.inject({ path, times, action, host: TASK_API_HOSTS[0], ...(method ? { method } : {}) });
  const faults: TaskApiFaults = {
    inject: (rule) => server.faults.inject(rule),
    clear: () => server.faults.clear(),
    active: () => server.faults.active(),
    revokeKey: (key) => void ctx.revoked.add(key),
    outOfCredits: (key) => {
      ctx.granted.set(key, (ctx.granted.get(key) ?? 0) - creditsLeft(ctx, key));
    },
    refill: (key, credits = settings.credits) => {
      ctx.granted.set(key, (ctx.granted.get(key) ?? 0) + credits - creditsLeft(ctx, key));
    },
    rateLimited: (times = 1, retryAfterSeconds = settings.retryAfterSeconds, path = /.*/) =>
      on(path, times, {
        kind: 'status',
        status: 429,
        body: { code: 429, msg: 'Too many requests, please slow down' },
        headers: { 'retry-after': String(retryAfterSeconds) },
      }),
    serverErrors: (path, times = 1, status = 500) =>
      on(path, times, { kind: 'status', status, body: { code: status, msg: 'Internal server error' } }),
    loseCreate: (times = 1) =>
      on(`${settings.basePath}/generate`, times, { kind: 'accept-then-cut' }, 'POST'),
    failNext: (times = 1) => {
      ctx.pending.fail += times;
    },
    failCreationNext: (times = 1) => {
      ctx.pending.failCreation += times;
    },
    expireResults: () => {
      for (const t of ctx.tasks) t.expiredAtMs ??= Date.now();
    },
    slowPoll: (ms, times = 1) => on(`${settings.basePath}/record-info`, times, { kind: 'delay', ms }, 'GET'),
  };
  sim = {
    ...server,
    get baseUrl() {
      return `https://${TASK_API_HOSTS[0]}${settings.basePath}`;
    },
    cdnHost: TASK_API_HOSTS[1],
    get settings() {
      return { ...settings };
    },
    set(p) {
      settings = { ...settings, ...SettingsSchema.parse(p) };
    },
    faults,
    tasks: () => ctx.tasks.map((t) => ({ ...t, successFlag: flagOf(t, Date.now()) })),
    creditsOf: (key) => creditsLeft(ctx, key),
    videoBytes: (taskId) => mediaContent(taskSeed(taskId), settings.mediaBytes),
  };
  return sim;
}
