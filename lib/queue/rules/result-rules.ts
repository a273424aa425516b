import type { RuleTable } from './rule';
import { when } from './rule';

type ResultEvent =
  | 'progress'
  | 'generated'
  | 'produced'
  | 'download_intent'
  | 'download_started'
  | 'downloaded'
  | 'finished';

/** Following a created job to its result and downloading it. */
export const resultRules: RuleTable<ResultEvent> = {
  // Progress never goes backwards and never passes 100, whatever the backend reports.
  progress: (j, e) =>
    when(['generating'], j, () => ({
      status: 'generating',
      progress: Math.max(j.progress, Math.min(100, e.progress)),
    })),
  generated: (j, e) =>
    when(['generating'], j, () => ({
      status: 'ready',
      generationId: e.generationId,
      progress: 100,
      error: null,
    })),
  produced: (j) =>
    when(['submitting'], j, () => ({ status: 'ready', progress: 100, leaseUntil: null, error: null })),
  download_intent: (j, e) =>
    when(['ready'], j, () => ({ status: 'ready', download: { fileName: e.fileName, downloadId: null } })),
  // Only a recorded intent can start: the file name was chosen before the browser was asked.
  download_started: (j, e) =>
    j.status === 'ready' && j.download
      ? { status: 'downloading', download: { ...j.download, downloadId: e.downloadId } }
      : null,
  downloaded: (j, _e, now) =>
    when(['downloading', 'ready'], j, () => ({
      status: 'completed',
      finishedAt: now,
      error: null,
      leaseUntil: null,
    })),
  finished: (j, _e, now) =>
    when(['ready'], j, () => ({ status: 'completed', finishedAt: now, error: null, leaseUntil: null })),
};
