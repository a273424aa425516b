import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod/mini';
import type { QueueSummary } from '../queue/summary';
import { tn } from '../ui/i18n';

/** Why a batch stopped moving: the session ended, or the daily limit holds. */
export type StallKind = 'login' | 'limit';

const SeenSchema = z.object({ login: z.int().check(z.nonnegative()), limit: z.int().check(z.nonnegative()) });
type Seen = z.infer<typeof SeenSchema>;

/** The waiting counts last announced (storage.local, so a restarted worker does not notify again). */
export const stallSeenItem = storage.defineItem<Seen | null>('local:stallSeen', { fallback: null });

/**
 * The stalls to announce: a kind is announced when its waiting jobs go from none to some, once
 * per stall (it is announced again only after it cleared).
 */
export function stallsToAnnounce(
  previous: Seen | null,
  summary: QueueSummary,
): { kind: StallKind; count: number }[] {
  const now = { login: summary.counts['waiting-login'] ?? 0, limit: summary.counts['waiting-limit'] ?? 0 };
  const before = previous ?? { login: 0, limit: 0 };
  return (['login', 'limit'] as const)
    .filter((kind) => now[kind] > 0 && before[kind] === 0)
    .map((kind) => ({ kind, count: now[kind] }));
}

async function notifyStall(kind: StallKind, count: number): Promise<void> {
  // `notifications` is optional: only when the user turned notifications on and granted it.
  if (!browser.notifications || !(await browser.permissions.contains({ permissions: ['notifications'] })))
    return;
  await browser.notifications.create(`stall:${kind}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: tn(kind === 'login' ? 'stallLoginTitle' : 'stallLimitTitle', count),
    message: tn(kind === 'login' ? 'stallLoginBody' : 'stallLimitBody', count),
  });
}

/** After a tick: tells the user when a running batch stalls on sign-in or on the daily limit. */
export async function signalStalls(
  summary: QueueSummary,
  enabled: boolean,
  notify: (kind: StallKind, count: number) => Promise<void> = notifyStall,
): Promise<void> {
  const previous = z.catch(z.nullable(SeenSchema), null).parse(await stallSeenItem.getValue());
  if (enabled)
    for (const s of stallsToAnnounce(previous, summary)) await notify(s.kind, s.count).catch(() => undefined);
  const next = { login: summary.counts['waiting-login'] ?? 0, limit: summary.counts['waiting-limit'] ?? 0 };
  if (next.login !== previous?.login || next.limit !== previous?.limit) await stallSeenItem.setValue(next);
}
