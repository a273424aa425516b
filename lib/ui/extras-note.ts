import type { JobRow } from '../queue/job';
import { t } from './i18n';

export type ExtrasNoteState = 'saving' | 'saved' | 'failed';

/** The note for a job Sora made more than one video for (a resent request), or null for the usual one. */
export function extrasNote(job: JobRow): { state: ExtrasNoteState; count: number; text: string } | null {
  const extras = job.extras ?? [];
  if (extras.length === 0) return null;
  const count = extras.length + 1;
  const failed = extras.filter((e) => e.state === 'failed').length;
  if (failed > 0)
    return { state: 'failed', count, text: t('jobNoteExtrasFailed', String(count), String(failed)) };
  const saved = job.status === 'completed' && extras.every((e) => e.state === 'completed');
  const state = saved ? 'saved' : 'saving';
  return { state, count, text: t(saved ? 'jobNoteExtrasSaved' : 'jobNoteExtrasSaving', String(count)) };
}
