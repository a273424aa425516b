import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { TICK_ALARM } from '@/lib/background/setup';
import { openDb } from '@/lib/db/schema';
import { standInForMissingEvents } from '../helpers/background-events';
import { makeJob } from '../helpers/jobs';

// The alarm backstop (docs/reliability.md §5), in the real background entry with the fake browser:
// the alarm must actually run a tick. The engine's own timer is on fake time and never advanced, so
// nothing but the alarm can move the job.

/** fake-indexeddb and the fake browser work on (real) setImmediate: give them turns. */
const turns = async (n = 100): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function startBackground(): Promise<void> {
  standInForMissingEvents();
  const { default: background } = await import('@/entrypoints/background');
  background.main();
  await turns(); // the start-up tick (an empty queue) has run
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  // No network in unit tests: every request fails at once, as offline.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }),
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the alarm backstop', () => {
  it('creates the job-tick alarm at start-up, and the alarm firing runs a tick', async () => {
    await startBackground();
    expect(await fakeBrowser.alarms.get(TICK_ALARM)).toMatchObject({
      name: TICK_ALARM,
      periodInMinutes: 0.5,
    });

    // A job whose daily-limit wait is over: only a tick moves it on.
    const db = openDb();
    const job = makeJob({ status: 'waiting_limit', waitUntil: Date.now() - 1_000 });
    await db.jobs.add(job);
    await turns();
    expect((await db.jobs.get(job.id))!.status).toBe('waiting_limit'); // nothing ticked by itself

    await fakeBrowser.alarms.onAlarm.trigger({ name: 'some-other-alarm', scheduledTime: Date.now() });
    await turns();
    expect((await db.jobs.get(job.id))!.status).toBe('waiting_limit'); // not our alarm: no tick

    await fakeBrowser.alarms.onAlarm.trigger({ name: TICK_ALARM, scheduledTime: Date.now() });
    let status = 'waiting_limit';
    for (let i = 0; i < 50 && status === 'waiting_limit'; i++) {
      await turns(20);
      status = (await db.jobs.get(job.id))!.status;
    }
    expect(status).not.toBe('waiting_limit');
    const events = (await db.events.where('jobId').equals(job.id).toArray()).map((e) => e.type);
    expect(events).toContain('limit_reset'); // the tick's recovery step ran
  });
});
