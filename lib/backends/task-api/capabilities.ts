import { type ApiBackendDeclaration, originPatternOf } from '../capabilities';
import { TASK_API_RETENTION_MS } from './client';

const MODES = ['text_to_video', 'image_to_video'] as const;

/**
 * The task API shape (the seed's task API, docs/backend-facts.md §12): text- and image-to-video
 * from public image URLs. No model, length, remix, storyboard, characters or styles.
 */
export function taskApiDeclaration(c: { baseUrl: string; concurrency: number }): ApiBackendDeclaration {
  return {
    kind: 'task-api',
    modes: MODES,
    models: [],
    concurrency: { cap: c.concurrency, tracks: ['video'] },
    lostCreate: 'none',
    // The result link names a CDN host (cdn.sora2api.ai in the seed): public, no key, kept 15 days.
    media: { hosts: [], needsCredentials: false, expires: true, anyHost: true },
    quota: 'in-errors',
    hostPermissions: [originPatternOf(c.baseUrl)],
    refusedReason: 'A task API connection cannot do this mode',
    modelSource: 'none',
    // Whatever model the composer names is not sent: the API has no model field.
    anyModel: {
      name: '*',
      modes: MODES,
      durationsS: [],
      aspects: ['landscape', 'portrait'],
      qualities: ['standard', 'high'],
    },
    params: [
      {
        name: 'aspectRatio',
        testId: 'param-aspect-ratio',
        kind: 'select',
        values: ['landscape', 'portrait'],
        default: 'landscape',
      },
      {
        name: 'quality',
        testId: 'param-quality',
        kind: 'select',
        values: ['standard', 'hd'],
        default: 'standard',
      },
      { name: 'watermark', testId: 'param-watermark', kind: 'text', maxLength: 100 },
    ],
    // The seed: "Images must be publicly accessible URLs"; it gives no upper bound (4 is our guard) [UNVERIFIED].
    images: { file: false, url: true, max: 4 },
    concurrencyMax: 10,
    retentionMs: TASK_API_RETENTION_MS,
    mediaHostsFromAnswer: true,
    lostCreateHow:
      'none: the API has no task list (docs/backend-facts.md §13.3), so the job stops with a plain message and a Send again action',
  };
}
