import { isTerminal } from '../status';
import { extrasSettled, type RuleSet, when } from './shared';

/** Following the remote work to a result, the download, and failure. */
export const followRules: RuleSet<
  | 'progress'
  | 'generated'
  | 'produced'
  | 'download_intent'
  | 'download_started'
  | 'downloaded'
  | 'finished'
  | 'fail'
> = {
  progress: (event) => (j) =>
    when(['generating'], j, () => ({
      status: 'generating',
      progress: Math.max(j.progress, Math.min(100, event.progress)),
    })),
  generated: (event) => (j) =>
    when(['generating'], j, () => ({
      status: 'ready',
      generationId: event.generationId,
      progress: 100,
      error: null,
    })),
  produced: () => (j) =>
    when(['submitting'], j, () => ({ status: 'ready', progress: 100, leaseUntil: null, error: null })),
  download_intent: (event) => (j) =>
    when(['ready'], j, () => ({
      status: 'ready',
      download: { fileName: event.fileName, downloadId: null },
    })),
  download_started: (event) => (j) =>
    j.status === 'ready' && j.download
      ? { status: 'downloading', download: { ...j.download, downloadId: event.downloadId } }
      : null,
  downloaded: () => (j, now) =>
    when(extrasSettled(j) ? ['downloading', 'ready'] : [], j, () => ({
      status: 'completed',
      finishedAt: now,
      error: null,
      leaseUntil: null,
    })),
  finished: () => (j, now) =>
    when(extrasSettled(j) ? ['ready'] : [], j, () => ({
      status: 'completed',
      finishedAt: now,
      error: null,
      leaseUntil: null,
    })),
  fail: (event) => (j, now) =>
    isTerminal(j.status) ? null : { status: 'failed', error: event.error, finishedAt: now, leaseUntil: null },
};
