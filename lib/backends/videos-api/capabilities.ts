import { type ApiBackendDeclaration, type ModelDeclaration, originPatternOf } from '../capabilities';

const VIDEO_MODES = ['text_to_video', 'image_to_video', 'remix'] as const;
// OAI-PY `types/video_seconds.py` ("4", "8", "12"; the guide's 16/20 s conflict, docs/backend-facts.md §11.1).
const DURATIONS = [4, 8, 12];

/**
 * The OpenAI models (OAI-PY `types/video_model.py`): sora-2 only at 720p sizes [single], sora-2-pro
 * also 1024x1792 / 1792x1024 (docs/backend-facts.md §11.1). A gateway's other names get `anyModel`.
 */
export const VIDEOS_API_MODELS: readonly ModelDeclaration[] = [
  {
    name: 'sora-2',
    modes: VIDEO_MODES,
    durationsS: DURATIONS,
    aspects: ['landscape', 'portrait'],
    qualities: ['standard'],
  },
  {
    name: 'sora-2-pro',
    modes: VIDEO_MODES,
    durationsS: DURATIONS,
    aspects: ['landscape', 'portrait'],
    qualities: ['standard', 'high'],
  },
];

/**
 * The Videos API shape (docs/backend-facts.md §11.1; OpenAI API reference "videos"; LiteLLM docs "/videos"):
 * text/image to video and remix; no storyboard, characters or styles. The cap is the connection's.
 */
export function videosApiDeclaration(c: { baseUrl: string; concurrency: number }): ApiBackendDeclaration {
  const origin = originPatternOf(c.baseUrl);
  return {
    kind: 'videos-api',
    modes: VIDEO_MODES,
    models: VIDEOS_API_MODELS,
    concurrency: { cap: c.concurrency, tracks: ['video'] },
    lostCreate: 'list-and-match',
    // `/content` is on the connection's own server and needs the key as a header (never in the URL).
    media: { hosts: [new URL(c.baseUrl).hostname], needsCredentials: true, expires: true },
    quota: 'in-errors',
    hostPermissions: [origin],
    refusedReason: 'A Videos API connection cannot do this mode',
    modelSource: 'server-list',
    anyModel: {
      name: '*',
      modes: VIDEO_MODES,
      durationsS: DURATIONS,
      aspects: ['landscape', 'portrait'],
      qualities: ['standard', 'high'],
    },
    params: [
      {
        name: 'size',
        testId: 'param-size',
        kind: 'select',
        values: ['720x1280', '1280x720', '1024x1792', '1792x1024'],
        default: '720x1280',
      },
      { name: 'seconds', testId: 'param-seconds', kind: 'select', values: ['4', '8', '12'], default: '4' },
    ],
    images: { file: true, url: true, max: 1 },
    concurrencyMax: 10,
    retentionMs: null,
    mediaHostsFromAnswer: false,
    lostCreateHow:
      'GET /videos newest first; same prompt and model, created since the request, owned by no other job',
  };
}
