import type { Backend, TaskSnapshot, VideoSpec } from '../../backend/backend';
import { BackendError, isBackendError } from '../../backend/errors';
import type { ApiHttpDeps } from '../http';
import { type ApiKey, type KeyRing, noKeys, withEachKey } from '../keyring';
import { taskApiDeclaration } from './capabilities';
import { createTaskApiClient, type TaskSnapshot as TaskRecordSnapshot } from './client';
import { toGenerateInput } from './request';

export interface TaskApiConnection {
  id: string;
  baseUrl: string;
  concurrency: number;
}

function snapshotOf(record: TaskRecordSnapshot): TaskSnapshot {
  switch (record.state) {
    case 'running':
    case 'unknown':
      return { state: 'running', progress: null };
    case 'done':
      return { state: 'done', generationId: 'result' };
    case 'failed':
      return {
        state: 'failed',
        code: record.contentPolicy ? 'content_policy' : 'generation_failed',
        reason: record.reason,
      };
  }
}

/**
 * A task API of the commercial seed's kind (`POST /generate`, `GET /record-info`; docs/backend-facts.md §12) on the
 * boundary. It has no task list, so it declares no `recover`: a create whose answer was lost is
 * never resent by itself. Result links are public CDN links kept 15 days.
 */
export function createTaskApiBackend(
  connection: TaskApiConnection,
  deps: { http: ApiHttpDeps; keys: KeyRing },
): Backend {
  const clientFor = (key: ApiKey) =>
    createTaskApiClient({ ...deps.http, baseUrl: connection.baseUrl, apiKey: () => key.secret });

  async function status(taskId: string): Promise<TaskRecordSnapshot | null> {
    const key = await deps.keys.forTask(taskId);
    if (!key) throw noKeys();
    try {
      return await clientFor(key).status(taskId);
    } catch (error) {
      if (isBackendError(error) && error.status === 404) return null;
      throw error;
    }
  }

  async function generate(spec: VideoSpec) {
    // The service fetches images itself: public links only (enqueue refuses attached files).
    const urls = (spec.imageInputs ?? []).flatMap((i) => (i.kind === 'url' ? [i.url] : []));
    return withEachKey(deps.keys, async (key) => {
      const outcome = await clientFor(key).generate(
        toGenerateInput(
          {
            mode: urls.length > 0 ? 'image_to_video' : 'text_to_video',
            model: spec.model,
            prompt: spec.prompt,
            durationS: null,
            aspect: spec.aspect,
            quality: spec.quality,
            images: urls.map(() => ({ kind: 'url' as const })),
            ...(spec.backendParams ? { backendParams: spec.backendParams } : {}),
          },
          urls,
        ),
      );
      if (outcome.kind === 'uncertain') return { kind: 'uncertain' as const, reason: outcome.reason };
      await deps.keys.remember(outcome.value.taskId, key.id);
      return { kind: 'created' as const, taskId: outcome.value.taskId };
    });
  }

  return {
    id: connection.id,
    declares: taskApiDeclaration(connection),
    async session() {
      return (await deps.keys.all()).length > 0
        ? { state: 'ready', plan: null }
        : { state: 'needs_auth', reason: 'Every key of this connection is set aside.' };
    },
    create: generate,
    async poll(taskIds) {
      const tasks = new Map<string, TaskSnapshot>();
      for (const id of taskIds) {
        const record = await status(id);
        tasks.set(id, record ? snapshotOf(record) : { state: 'missing' });
      }
      const active = [...tasks.values()].filter((s) => s.state === 'running').length;
      return { activeCount: active, tasks, recent: [] };
    },
    async resolveMedia(taskId) {
      const record = await status(taskId);
      if (record?.state !== 'done')
        throw new BackendError({
          code: 'not_ready',
          retryable: true,
          message: 'The service has no finished video for this task (yet).',
          endpoint: 'record-info',
        });
      return { url: record.url, expiresAt: record.expiresAt, thumbnailUrl: null };
    },
  };
}
