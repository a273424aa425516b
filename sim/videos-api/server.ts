import { z } from 'zod';
import { controlError, controlOk, patchSettings, sharedControl } from '../backend-control';
import { startBackendServer } from '../backend-server';
import type { Reply, SimRequest } from '../http';
import { mediaContent } from '../media-content';
import { VideoStore, videoState } from './jobs';
import { routeVideosApi, type VideosApiContext, videoSeed } from './routes';
import type {
  SimVideo,
  VideosApiFaults,
  VideosApiSettings,
  VideosApiSim,
  VideosApiSimOptions,
} from './types';

/** Hosts on the certificate: a gateway-like one (LiteLLM, new-api) and an Azure-like one. */
export const VIDEOS_API_HOSTS = ['videos-api.sim.test', 'azure-videos.sim.test'] as const;

export const DEFAULT_VIDEOS_API_SETTINGS: VideosApiSettings = {
  basePath: '/v1',
  keys: ['sk-sim-videos-1', 'sk-sim-videos-2'],
  authHeader: 'either',
  renderMs: 3000,
  concurrencyPerKey: 2,
  retryAfterSeconds: 2,
  pollAfterMs: 1000,
  models: ['sora-2', 'sora-2-pro'],
  listModels: true,
  mediaBytes: 65_536,
  assetTtlMs: 24 * 3_600_000,
  contentPolicyPattern: null,
};

const SettingsSchema = z
  .object({
    basePath: z.string().regex(/^(\/[\w.-]+)*$/),
    keys: z.array(z.string().min(1)),
    authHeader: z.enum(['bearer', 'api-key', 'either']),
    renderMs: z.number().int().nonnegative(),
    concurrencyPerKey: z.number().int().positive(),
    retryAfterSeconds: z.number().nonnegative(),
    pollAfterMs: z.number().int().nonnegative(),
    models: z.array(z.string().min(1)).min(1),
    listModels: z.boolean(),
    mediaBytes: z.number().int().min(64),
    assetTtlMs: z.number().int().nonnegative(),
    contentPolicyPattern: z.string().min(1).nullable(),
  })
  .partial()
  .strict();

function control(req: SimRequest, sim: VideosApiSim): Reply {
  switch (`${req.method} ${req.path}`) {
    case 'GET /__sim/videos':
      return controlOk(sim.videos());
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
      const key = (req.body as { key?: unknown } | undefined)?.key;
      if (typeof key !== 'string') return controlError('body must be {"key": "…"}');
      const act = {
        '/__sim/revoke-key': 'revokeKey',
        '/__sim/out-of-credits': 'outOfCredits',
        '/__sim/refill': 'refill',
      } as const;
      sim.faults[act[req.path as keyof typeof act]](key);
      return controlOk();
    }
    case 'POST /__sim/fail-next':
      sim.faults.failNext(Number((req.body as { times?: unknown } | undefined)?.times ?? 1));
      return controlOk();
    case 'POST /__sim/expire-media':
      sim.faults.expireMedia();
      return controlOk();
    case 'POST /__sim/seed-videos': {
      const count = Number((req.body as { count?: unknown } | undefined)?.count ?? 0);
      if (!Number.isInteger(count) || count < 1 || count > 10_000)
        return controlError('count must be 1 to 10000');
      return controlOk(sim.seedVideos(count).map((v) => v.id));
    }
    case 'POST /__sim/delete-video': {
      const id = (req.body as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string') return controlError('body must be {"id": "video_…"}');
      return sim.deleteVideo(id) ? controlOk() : controlError(`no video ${id}`);
    }
    default:
      return controlError(`unknown control route ${req.method} ${req.path}`);
  }
}

/** Finished videos made outside the extension (another app on the same account), oldest first. */
function seed(ctx: VideosApiContext, count: number, ageMs: number): SimVideo[] {
  const s = ctx.settings();
  const newest = ctx.now() - ageMs;
  return Array.from({ length: count }, (_, i) =>
    ctx.store.add({
      key: s.keys[0] ?? 'sk-sim',
      model: s.models[0] ?? 'sora-2',
      prompt: `Seeded video ${ctx.store.all().length + 1}: a lighthouse at dusk`,
      seconds: '4',
      size: i % 2 ? '1280x720' : '720x1280',
      createdAtMs: newest - (count - 1 - i) * 60_000,
      renderMs: 0,
      failure: null,
      remixedFrom: null,
      reference: null,
    }),
  );
}

/**
 * Starts a simulator of the OpenAI Videos API shape (docs/backend-facts.md §11.1): create, retrieve, content,
 * remix, list and models, below `basePath`, on 127.0.0.1 over HTTPS.
 */
export async function startVideosApiSim(opts: VideosApiSimOptions = {}): Promise<VideosApiSim> {
  const { port, seedVideos, ...patch } = opts;
  let settings: VideosApiSettings = { ...DEFAULT_VIDEOS_API_SETTINGS, ...SettingsSchema.parse(patch) };
  const ctx: VideosApiContext = {
    settings: () => settings,
    now: () => Date.now(),
    store: new VideoStore(),
    revoked: new Set(),
    exhausted: new Set(),
    failures: { left: 0 },
  };
  let sim: VideosApiSim | undefined;
  const server = await startBackendServer({
    hosts: VIDEOS_API_HOSTS,
    ...(port === undefined ? {} : { port }),
    label: 'videos-api-sim',
    route: (req) => routeVideosApi(req, ctx),
    control: (req) => (sim ? (sharedControl(req, server) ?? control(req, sim)) : controlError('starting')),
  });
  const base = (): string => settings.basePath;
  const on = (
    path: string | RegExp,
    times: number,
    action: Parameters<typeof server.faults.inject>[0]['action'],
    method?: string,
  ): void => server.faults.inject({ path, times, action, ...(method ? { method } : {}) });
  const faults: VideosApiFaults = {
    inject: (rule) => server.faults.inject(rule),
    clear: () => server.faults.clear(),
    active: () => server.faults.active(),
    revokeKey: (key) => void ctx.revoked.add(key),
    outOfCredits: (key) => void ctx.exhausted.add(key),
    refill: (key) => void ctx.exhausted.delete(key),
    rateLimited: (times = 1, retryAfterSeconds = settings.retryAfterSeconds, path = /.*/) =>
      on(path, times, {
        kind: 'status',
        status: 429,
        body: {
          error: {
            message: 'Rate limit reached for requests.',
            type: 'requests',
            param: null,
            code: 'rate_limit_exceeded',
          },
        },
        headers: { 'retry-after': String(retryAfterSeconds) },
      }),
    serverErrors: (path, times = 1, status = 500) =>
      on(path, times, {
        kind: 'status',
        status,
        body: {
          error: {
            message: 'The server had an error while processing your request.',
            type: 'server_error',
            param: null,
            code: null,
          },
        },
      }),
    loseCreate: (times = 1) => on(`${base()}/videos`, times, { kind: 'accept-then-cut' }, 'POST'),
    failNext: (times = 1) => {
      ctx.failures.left += times;
    },
    expireMedia: () => {
      for (const v of ctx.store.all()) v.expiredAtMs ??= Date.now();
    },
    slowPoll: (ms, times = 1) =>
      on(new RegExp(`^${base()}/videos/[^/]+$`), times, { kind: 'delay', ms }, 'GET'),
  };
  sim = {
    ...server,
    get baseUrl() {
      return `https://${VIDEOS_API_HOSTS[0]}${settings.basePath}`;
    },
    get settings() {
      return { ...settings };
    },
    set(p) {
      settings = { ...settings, ...SettingsSchema.parse(p) };
    },
    faults,
    videos: () => ctx.store.all().map((v) => ({ ...v, ...videoState(v, Date.now()) })),
    videoBytes: (id) => mediaContent(videoSeed(id), settings.mediaBytes),
    seedVideos: (count, ageMs = 60_000) => seed(ctx, count, ageMs),
    deleteVideo: (id) => ctx.store.delete(id, Date.now()),
  };
  if (seedVideos) sim.seedVideos(seedVideos);
  return sim;
}
