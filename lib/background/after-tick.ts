import type { SoraDb } from '../db/schema';
import { computeSummary } from '../db/summary';
import { badgeFor, emitSignals, type SignalPorts } from '../pipeline/signals';
import { readSettings, signalCursorItem, summaryItem } from '../settings/items';
import { signalStalls } from './stall-signal';

/** After each tick: publish the summary (popup), update the badge, send finished-job signals. */
export async function afterTick(db: SoraDb, ports: SignalPorts, now: number): Promise<void> {
  const summary = await computeSummary(db, now);
  await summaryItem.setValue(summary);
  await ports.badge(badgeFor(summary)).catch(() => undefined);
  const stored = await signalCursorItem.getValue();
  // First run: start from now, so jobs finished before this version never notify.
  const cursor = stored ?? now;
  const settings = await readSettings();
  await signalStalls(summary, settings.notifications).catch(() => undefined);
  const next = await emitSignals(db, ports, {
    cursor,
    notifications: settings.notifications,
    webhookUrl: settings.webhookUrl,
  });
  if (next !== stored) await signalCursorItem.setValue(next);
}
