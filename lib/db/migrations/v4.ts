import { rebuildJobIndex } from '../job-index';
import type { Migration } from './types';

/**
 * Scale (issue 14): a count row per job status and each job's search words, kept by the job-index
 * middleware (lib/db/job-index.ts) so status counts and prompt search never walk every job. The
 * upgrade fills both from the rows already stored; no job row changes.
 */
export const v4: Migration = {
  version: 4,
  stores: {
    jobCounts: 'status',
    jobWords: 'id, *words',
  },
  upgrade: rebuildJobIndex,
};
