import type { Migration } from './types';

/** The first released schema. Frozen: change the database only by adding a new version file. */
export const v1: Migration = {
  version: 1,
  stores: {
    jobs: 'id, status, seq, batchId, taskId, createdAt, finishedAt, [status+seq]',
    batches: 'id, createdAt',
    results: 'jobId, createdAt, generationId',
    inputs: 'id, *jobIds',
    characters: 'characterId, createdAt, jobId',
    events: '++id, jobId, at',
    requestLog: '++id, at',
  },
};
