import type { BackendDeclaration } from '../capabilities';
import { TASK_API_RETENTION_MS } from './client';

/**
 * The task API shape (seed sora2api-ai-task-api.txt; backend-shapes §4): text-to-video and
 * image-to-video from public image URLs. No model, duration, remix, storyboard, characters or styles.
 */
export const TASK_API_DECLARATION = {
  kind: 'task-api',
  modes: ['text-to-video', 'image-to-video'],
  refusedReason: 'A task API connection cannot do this mode',
  models: { source: 'none', fallback: [], freeText: false },
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
  // The seed: "Images must be publicly accessible URLs"; a file has no URL the service could fetch.
  // The seed gives no upper bound for `imageUrls`; 4 is our own guard [UNVERIFIED].
  images: { file: false, url: true, max: 4 },
  concurrency: { default: 3, max: 10 },
  lostCreate: {
    strategy: 'none',
    how: 'The API has no task list (backend-shapes §6.3): the job stops with a plain message and a Send again action',
  },
  media: { credentials: 'none', hosts: 'from-answer', retentionMs: TASK_API_RETENTION_MS },
  quota: 'none',
} as const satisfies BackendDeclaration;
