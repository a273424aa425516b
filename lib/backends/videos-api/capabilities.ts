import type { BackendDeclaration } from '../capabilities';

/**
 * The Videos API shape (backend-shapes §3; OpenAI API reference "videos"; LiteLLM docs "/videos"):
 * text- and image-to-video and remix; no storyboard, characters or styles.
 */
export const VIDEOS_API_DECLARATION = {
  kind: 'videos-api',
  modes: ['text-to-video', 'image-to-video', 'remix'],
  refusedReason: 'A Videos API connection cannot do this mode',
  models: { source: 'server-list', fallback: ['sora-2', 'sora-2-pro'], freeText: true },
  params: [
    // OAI-PY `types/video_size.py`; gateways in front of other models may take others (free text is not offered).
    {
      name: 'size',
      testId: 'param-size',
      kind: 'select',
      values: ['720x1280', '1280x720', '1024x1792', '1792x1024'],
      default: '720x1280',
    },
    // OAI-PY `types/video_seconds.py` ("4", "8", "12"; the guide's 16/20 s conflict, backend-shapes §3).
    { name: 'seconds', testId: 'param-seconds', kind: 'select', values: ['4', '8', '12'], default: '4' },
  ],
  images: { file: true, url: true, max: 1 },
  // Azure runs 2 jobs at once (backend-shapes §3); other servers differ, so the user sets it.
  concurrency: { default: 2, max: 10 },
  lostCreate: {
    strategy: 'list-match',
    how: 'GET /videos newest first; same prompt and model, created since the request, owned by no other job',
    windowMs: 120_000,
  },
  media: { credentials: 'api-key-header', hosts: 'base-origin', retentionMs: null },
  quota: 'none',
} as const satisfies BackendDeclaration;
