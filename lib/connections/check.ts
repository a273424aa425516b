import { type BackendError, isBackendError } from '../backend/errors';
import type { ApiHttpDeps } from '../backends/http';
import { createTaskApiClient } from '../backends/task-api/client';
import { createVideosApiClient } from '../backends/videos-api/client';
import { nextKey } from './keys';
import type { Connection } from './schema';

/** What a Check found, in plain words (options page `backend-item`). */
export type CheckResult =
  | { state: 'ready'; keyId: string; detail: string; models: string[] | null }
  | { state: 'error'; keyId: string | null; code: BackendError['code'] | 'no_keys'; reason: string };

export interface CheckDeps extends ApiHttpDeps {
  secretFor(c: Connection, keyId: string): Promise<string | null>;
}

/** A task id no service issues: record-info answers "not found" to a good key and 401 to a bad one. */
const PROBE_TASK = 'sora-companion-check';

/**
 * One cheap call with the next usable key. Videos API: `GET /models` (a 404 there means the server
 * lists none: then `GET /videos?limit=1`). Task API: it has no account or list endpoint, so the check
 * asks `record-info` for a task that cannot exist — "not found" proves the key and the address.
 */
export async function checkConnection(c: Connection, deps: CheckDeps): Promise<CheckResult> {
  const key = nextKey(c, null);
  if (!key)
    return {
      state: 'error',
      keyId: null,
      code: 'no_keys',
      reason: 'Every key of this connection is set aside.',
    };
  const secret = await deps.secretFor(c, key.id);
  if (!secret)
    return {
      state: 'error',
      keyId: key.id,
      code: 'no_keys',
      reason: 'The key is no longer saved (it was kept for a browser session only). Enter it again.',
    };
  try {
    return c.kind === 'videos-api'
      ? await checkVideos(c, key.id, secret, deps)
      : await checkTasks(c, key.id, secret, deps);
  } catch (error) {
    if (!isBackendError(error)) throw error;
    return { state: 'error', keyId: key.id, code: error.code, reason: error.message };
  }
}

async function checkVideos(
  c: Connection,
  keyId: string,
  secret: string,
  deps: CheckDeps,
): Promise<CheckResult> {
  const client = createVideosApiClient({
    ...deps,
    baseUrl: c.baseUrl,
    authHeader: c.authHeader,
    apiKey: () => secret,
  });
  const models = await client.models();
  if (models) {
    const shown = models.slice(0, 5).join(', ') + (models.length > 5 ? ', …' : '');
    return {
      state: 'ready',
      keyId,
      models,
      detail: `The key works; the server lists ${models.length} model(s): ${shown}.`,
    };
  }
  await client.list({ limit: 1 });
  return {
    state: 'ready',
    keyId,
    models: null,
    detail: 'The key works; the server lists no models, so type the model name.',
  };
}

async function checkTasks(
  c: Connection,
  keyId: string,
  secret: string,
  deps: CheckDeps,
): Promise<CheckResult> {
  const client = createTaskApiClient({ ...deps, baseUrl: c.baseUrl, apiKey: () => secret });
  try {
    await client.recordInfo(PROBE_TASK);
  } catch (error) {
    // Only the service's own "task not found" proves the address; a bare 404 means a wrong base URL.
    if (isBackendError(error) && error.status === 404 && /task|record/i.test(error.detail ?? ''))
      return {
        state: 'ready',
        keyId,
        models: null,
        detail: 'The key was accepted (checked by asking for a task that does not exist).',
      };
    if (isBackendError(error) && error.status === 404)
      return {
        state: 'error',
        keyId,
        code: 'fatal',
        reason: 'Nothing answers at this address: check the base URL (the seed’s ends in /api/v1/sora2).',
      };
    throw error;
  }
  return { state: 'ready', keyId, models: null, detail: 'The key was accepted.' };
}
