import { applyEvent, jobsIn } from '../db/jobs';
import type { JobEvent } from '../queue/transition';
import type { RpcHandlers } from '../rpc/server';
import { enqueue } from './enqueue';
import type { Services } from './services';

async function applyToMany(
  services: Services,
  ids: readonly string[],
  event: JobEvent,
): Promise<{ changed: number }> {
  let changed = 0;
  const now = Date.now();
  for (const id of ids) if (await applyEvent(services.db, id, event, now)) changed++;
  if (changed > 0) void services.kick();
  return { changed };
}

/** The background's RPC handlers: thin, each one a call into lib/. */
export function createHandlers(services: Services): RpcHandlers {
  return {
    async enqueue(params) {
      const result = await enqueue(services.db, params, { now: Date.now(), styles: { live: null } });
      if (result.ids.length > 0) void services.kick();
      return result;
    },
    cancel: ({ ids }) => applyToMany(services, ids, { type: 'cancel' }),
    retry: ({ ids }) => applyToMany(services, ids, { type: 'retry' }),
    async pauseAll() {
      const ids = (await jobsIn(services.db, ['queued', 'waiting_limit'])).map((j) => j.id);
      return applyToMany(services, ids, { type: 'pause' });
    },
    async resumeAll() {
      const ids = (await jobsIn(services.db, ['paused'])).map((j) => j.id);
      return applyToMany(services, ids, { type: 'resume' });
    },
    async checkSession() {
      const session = await services.backend.session();
      await services.publishAccount({ state: session.state, checkedAt: Date.now() });
      void services.kick();
      return { state: session.state };
    },
  };
}
