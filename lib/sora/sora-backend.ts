import type {
  Backend,
  CreateOutcome,
  GenerationSpec,
  MediaLink,
  PollResult,
  RecentTask,
  TaskSnapshot,
} from './backend';
import type { SoraClient } from './client';
import { isSoraError, SoraError } from './errors';
import type { Draft, PendingTask } from './schemas';
import type { Session } from './session';

/** Failed statuses a pending item can carry (facts §5.2 step 1). */
const FAILED_STATUSES = new Set(['failed', 'error', 'canceled', 'cancelled']);
/** Stop paging drafts after this many pages per poll; the rest is looked up next poll. */
const MAX_DRAFT_PAGES = 5;

function fromPending(task: PendingTask): TaskSnapshot {
  if (FAILED_STATUSES.has(task.status ?? '') || task.failure_reason) {
    return {
      state: 'failed',
      code: 'generation_failed',
      reason: task.failure_reason ?? 'Sora could not finish this video.',
    };
  }
  const pct = task.progress_pct;
  // facts §5.1: a 0–1 fraction, null early; some clients saw 0–100.
  const progress = typeof pct === 'number' ? Math.round(pct <= 1 ? pct * 100 : pct) : null;
  return { state: 'running', progress };
}

/** Draft → outcome (facts §5.3 recommendation): kinds and reasons fail; a bare missing URL is "not yet". */
export function fromDraft(draft: Draft): TaskSnapshot {
  const reason = draft.reason_str ?? draft.markdown_reason_str ?? null;
  if (draft.kind === 'sora_content_violation' || (draft.kind ?? '').includes('violation')) {
    return {
      state: 'failed',
      code: 'content_policy',
      reason: reason ?? 'This video was blocked by Sora’s content policy.',
    };
  }
  if (draft.kind === 'sora_error' || (draft.kind ?? '').endsWith('_error') || draft.error_reason) {
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

/** `se` on an Azure SAS URL is the signature expiry (facts §6.3). */
function sasExpiry(url: string): number | null {
  const se = new URL(url).searchParams.get('se');
  const at = se ? Date.parse(se) : Number.NaN;
  return Number.isNaN(at) ? null : at;
}

/** Creates the Backend over the sora.chatgpt.com client. */
export function createSoraBackend(client: SoraClient, session: Session): Backend {
  async function lookInDrafts(
    missing: Set<string>,
    found: Map<string, TaskSnapshot>,
    recent: RecentTask[],
  ): Promise<void> {
    let cursor: string | null = null;
    for (let page = 0; page < MAX_DRAFT_PAGES && missing.size > 0; page++) {
      const result = await client.drafts(cursor);
      for (const draft of result.items) {
        if (!draft.task_id) continue;
        recent.push({
          taskId: draft.task_id,
          prompt: draft.prompt ?? null,
          createdAt: draft.created_at ? draft.created_at * 1000 : null,
        });
        if (missing.delete(draft.task_id)) found.set(draft.task_id, fromDraft(draft));
      }
      cursor = result.cursor;
      if (!cursor) break;
    }
  }

  return {
    session: () => session.check(),
    async create(spec: GenerationSpec): Promise<CreateOutcome> {
      try {
        const taskId = await client.createVideo({
          kind: 'video',
          prompt: spec.prompt,
          orientation: spec.orientation,
          size: spec.size,
          n_frames: spec.nFrames,
          model: spec.model,
          style_id: spec.styleId,
          remix_target_id: spec.remixTargetId,
          inpaint_items: [],
          cameo_ids: null,
          storyboard_id: null,
        });
        return { kind: 'created', taskId };
      } catch (error) {
        // A network failure or timeout after sending may have created the task: never resend blindly.
        if (isSoraError(error) && error.code === 'retryable' && error.status === undefined) {
          return { kind: 'uncertain', reason: error.message };
        }
        throw error;
      }
    },
    async poll(taskIds): Promise<PollResult> {
      const pending = await client.pending();
      const tasks = new Map<string, TaskSnapshot>();
      const recent: RecentTask[] = pending.map((t) => ({
        taskId: t.id,
        prompt: t.prompt ?? null,
        createdAt: null,
      }));
      const byId = new Map(pending.map((t) => [t.id, t]));
      const missing = new Set<string>();
      for (const id of taskIds) {
        const task = byId.get(id);
        if (task) tasks.set(id, fromPending(task));
        else missing.add(id);
      }
      if (missing.size > 0) await lookInDrafts(missing, tasks, recent);
      for (const id of missing) tasks.set(id, { state: 'missing' });
      const active = pending.filter((t) => !FAILED_STATUSES.has(t.status ?? '')).length;
      return { activeCount: active, tasks, recent };
    },
    async resolveMedia(generationId): Promise<MediaLink> {
      const draft = await client.draft(generationId);
      // facts §6.1: downloadable_url (full quality) before url (medium stream); only https links.
      const url = [draft.download_urls?.no_watermark, draft.downloadable_url, draft.url].find((u) =>
        u?.startsWith('https://'),
      );
      if (!url) {
        throw new SoraError({
          code: 'bad_response',
          message: 'Sora has no downloadable file for this video yet.',
          endpoint: 'draft',
        });
      }
      return { url, expiresAt: sasExpiry(url) };
    },
  };
}
