import { storage } from 'wxt/utils/storage';
import { emptySummary, type QueueSummary } from '../queue/summary';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';

/** User settings (storage.local; no secrets). */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Account facts the UI shows; never secrets. */
export interface AccountStatus {
  state: 'signed-in' | 'signed-out' | 'unknown';
  checkedAt: number;
  /** The plan when known (`chatgpt_pro`, …): Pro models are refused up front without it. */
  plan?: string | null;
}

/** Signed-in state for the UI (storage.local; no secrets). */
export const accountItem = storage.defineItem<AccountStatus>('local:account', {
  fallback: { state: 'unknown', checkedAt: 0 },
});

/** Reads settings, repairing anything invalid field by field. */
export async function readSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

/** The queue at a glance, published by the background so the popup needs no database code. */
export const summaryItem = storage.defineItem<QueueSummary>('local:summary', { fallback: emptySummary() });

/** Set when the database could not be opened or upgraded; the queue stops until it is fixed. */
export const dbErrorItem = storage.defineItem<string | null>('local:dbError', { fallback: null });

/** Finish time of the last job whose notification/webhook was sent (null until the first tick). */
export const signalCursorItem = storage.defineItem<number | null>('local:signalCursor', { fallback: null });

/**
 * The queue's own pause ("Pause all"): while set, the scheduler starts nothing, so jobs queued after
 * the pause wait too. Jobs already generating finish and download.
 */
export const queuePausedItem = storage.defineItem<boolean>('local:queuePaused', { fallback: false });

/** One webhook delivery as the options page and logs show it (no body, no secrets: the URL's origin only). */
export interface WebhookDelivery {
  at: number;
  jobId: string;
  origin: string;
  /** HTTP status, or null when nothing was answered (not sent, network error). */
  status: number | null;
  ok: boolean;
  /** Why it was not delivered: `not_granted`, `network`, `http`. */
  problem: 'not_granted' | 'network' | 'http' | null;
}

/** The newest webhook deliveries (storage.local, bounded), so a failing webhook is never silent. */
export const webhookLogItem = storage.defineItem<WebhookDelivery[]>('local:webhookLog', { fallback: [] });
/** How many deliveries the log keeps. */
export const WEBHOOK_LOG_LIMIT = 20;

/** Appends a delivery to the log, keeping the newest WEBHOOK_LOG_LIMIT. */
export async function logWebhookDelivery(entry: WebhookDelivery): Promise<void> {
  const list = await webhookLogItem.getValue().catch(() => []);
  await webhookLogItem.setValue([entry, ...(Array.isArray(list) ? list : [])].slice(0, WEBHOOK_LOG_LIMIT));
}
