import type { Transaction } from 'dexie';
import type { Migration } from './types';

// A migration freezes the values it writes: later changes to the live constants must not change it.
/** Frames per second of Sora's `n_frames` (docs/backend-facts.md §4.2: 300 = 10 s). */
const V2_FPS = 30;
/** Every row stored before v3 ran on the Sora session (lib/backend/ids.ts SORA_BACKEND_ID). */
const SESSION_BACKEND = 'sora';

type Row = Record<string, unknown>;

/** A v2 video request's Sora ids as the neutral parameters (docs/architecture.md "The neutral job request"). */
function neutralRequest(request: Row): Row {
  if (request.kind !== 'video') return request;
  const { backend, requiresPro: _requiresPro, ...rest } = request;
  const sora = (backend ?? {}) as { orientation?: unknown; size?: unknown; nFrames?: unknown };
  const frames = typeof sora.nFrames === 'number' ? sora.nFrames : 10 * V2_FPS;
  return {
    ...rest,
    params: {
      aspect: sora.orientation === 'portrait' ? 'portrait' : 'landscape',
      durationS: frames / V2_FPS,
      quality: sora.size === 'large' ? 'high' : 'standard',
    },
  };
}

/** One v2 job row as v3 stores it: the neutral request, its backend, and every field present. */
export function upgradeJobRow(row: Row): Row {
  return {
    ...row,
    backendId: typeof row.backendId === 'string' ? row.backendId : SESSION_BACKEND,
    request: neutralRequest(row.request as Row),
    reconcile: row.reconcile ?? null,
    extras: row.extras ?? [],
    finalizeIntent: row.finalizeIntent ?? null,
  };
}

/**
 * The backend boundary (issue 12): job rows store the neutral request (`params`: aspect, seconds,
 * quality) instead of Sora's ids (`backend`: `sy_8`, `small`, `n_frames`), name the backend that runs
 * them (every older row ran on the Sora session), and carry the fields added since v1 on disk rather
 * than by a reading default. A row that fails to convert aborts the upgrade: the database stays at v2
 * with its data intact (the worker reports it; lib/background/services.ts).
 */
export const v3: Migration = {
  version: 3,
  stores: { jobs: 'id, status, seq, batchId, taskId, createdAt, finishedAt, [status+seq], backendId' },
  upgrade: async (tx: Transaction) => {
    await tx
      .table('jobs')
      .toCollection()
      .modify((row: Row, ref: { value: Row }) => {
        ref.value = upgradeJobRow(row);
      });
  },
};
