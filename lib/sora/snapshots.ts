import type { z } from 'zod/mini';
import type { ImageSnapshot, SoraRecentTask as RecentTask, TaskSnapshot } from './backend';
import type { CreationConfigSchema, Draft, PendingTask } from './schemas';
import type { RecentImageTask } from './schemas-extra';

/** Failed statuses a pending item can carry (docs/backend-facts.md §5.2 step 1). */
export const FAILED_STATUSES = new Set(['failed', 'error', 'canceled', 'cancelled']);

/** docs/backend-facts.md §5.1: a 0–1 fraction, null early; some clients saw 0–100. Returns a 0–100 integer or null. */
export function percent(pct: number | null | undefined): number | null {
  return typeof pct === 'number' ? Math.round(pct <= 1 ? pct * 100 : pct) : null;
}

/** A pending item → snapshot (docs/backend-facts.md §5.1/§5.2). */
export function fromPending(task: PendingTask): TaskSnapshot {
  if (FAILED_STATUSES.has(task.status ?? '') || task.failure_reason) {
    return {
      state: 'failed',
      code: 'generation_failed',
      reason: task.failure_reason ?? 'Sora could not finish this video.',
    };
  }
  return { state: 'running', progress: percent(task.progress_pct) };
}

/** Draft → outcome (docs/backend-facts.md §5.3 recommendation): kinds and reasons fail; a bare missing URL is "not yet". */
export function fromDraft(draft: Draft): TaskSnapshot {
  const reason = draft.reason_str ?? draft.markdown_reason_str ?? null;
  const kind = draft.kind ?? '';
  if (kind === 'sora_content_violation' || kind.includes('violation')) {
    return {
      state: 'failed',
      code: 'content_policy',
      reason: reason ?? 'This video was blocked by Sora’s content policy.',
    };
  }
  if (kind === 'sora_error' || kind.endsWith('_error') || draft.error_reason) {
    return {
      state: 'failed',
      code: 'generation_failed',
      reason: draft.error_reason ?? reason ?? 'Sora could not finish this video.',
    };
  }
  if (reason) return { state: 'failed', code: 'content_policy', reason };
  if (draft.downloadable_url || draft.url) return { state: 'done', generationId: draft.id };
  return { state: 'running', progress: 100 };
}

/** Image task → snapshot (docs/backend-facts.md §5.4): success needs `succeeded` and at least one generation URL. */
export function fromImageTask(task: RecentImageTask): ImageSnapshot {
  const urls = (task.generations ?? []).flatMap((g) => (g.url?.startsWith('https://') ? [g.url] : []));
  if (task.status === 'failed' || task.status === 'error') {
    return {
      state: 'failed',
      reason: task.failure_reason ?? task.error_message ?? 'Sora could not make this image.',
    };
  }
  if (task.status === 'succeeded' && urls.length > 0) {
    return { state: 'done', generationId: task.generations?.[0]?.id ?? null, urls };
  }
  return { state: 'running', progress: percent(task.progress_pct) };
}

/** `se` on an Azure SAS URL is the signature expiry (docs/backend-facts.md §6.3). */
export function sasExpiry(url: string): number | null {
  const se = new URL(url).searchParams.get('se');
  const at = se ? Date.parse(se) : Number.NaN;
  return Number.isNaN(at) ? null : at;
}

const seconds = (s: number | null | undefined): number | null => (typeof s === 'number' ? s * 1000 : null);

/** What reconciliation needs from a pending item, draft or image task (docs/backend-facts.md §5.1 `creation_config`). */
export function toRecent(
  item: PendingTask | Draft | RecentImageTask,
  source: NonNullable<RecentTask['source']>,
): RecentTask | null {
  const taskId = source === 'drafts' ? (item as Draft).task_id : item.id;
  if (!taskId) return null;
  const config: z.infer<typeof CreationConfigSchema> | null | undefined =
    'creation_config' in item ? (item as PendingTask | Draft).creation_config : null;
  return {
    taskId,
    prompt: item.prompt ?? config?.prompt ?? null,
    createdAt: seconds(item.created_at),
    orientation: config?.orientation ?? null,
    nFrames: config?.n_frames ?? null,
    model: config?.model ?? null,
    styleId: config?.style?.id ?? null,
    source,
  };
}
