import { expect, test } from 'vitest';
import { enqueue } from './extension';
import { rowStatuses } from './page-helpers';
import { useSessions } from './session';
import { listFiles, waitFor } from './wait';

const session = useSessions();
const start = async (settings: Parameters<typeof session>[0]) => {
  const { sim, browser, page } = await session(settings, 'sidepanel');
  return { sim, browser, panel: page };
};

const everyRow = (statuses: string[], status: string, n: number): boolean =>
  statuses.length === n && statuses.every((s) => s === status);

test('sign-out holds every job with only session checks, and sign-in resumes them', async () => {
  const { sim, panel } = await start({ renderMs: 3_000 });
  await enqueue(panel, [
    { text: 'Waiting for login one', model: 'sora2-landscape-10s' },
    { text: 'Waiting for login two', model: 'sora2-landscape-10s' },
  ]);
  await waitFor(async () => (await rowStatuses(panel)).includes('generating'), 'a job generating');
  sim.signOut();
  await waitFor(
    async () => everyRow(await rowStatuses(panel), 'waiting-login', 2),
    'both jobs waiting for login',
  );
  expect(await panel.getByTestId('account-status').getAttribute('data-state')).toBe('signed-out');

  sim.log.clear();
  await new Promise((resolve) => setTimeout(resolve, 12_000));
  const paths = sim.log.entries().map((e) => e.path);
  expect(paths.length).toBeGreaterThan(0);
  expect(new Set(paths)).toEqual(new Set(['/api/auth/session']));
  expect(paths.length).toBeLessThanOrEqual(2); // at most one check every 10 s

  sim.signIn();
  await waitFor(
    async () => everyRow(await rowStatuses(panel), 'done', 2),
    'both jobs done after sign-in',
    40_000,
  );
  expect(sim.tasks().filter((t) => !t.external)).toHaveLength(2);
});

test('a daily limit holds jobs not yet created until it resets', async () => {
  // A reset 8 s away: the wait lasts long enough to be seen on a loaded machine, and the test stays short.
  const { sim, panel } = await start({ renderMs: 1_500, resetsInSeconds: 8 });
  sim.faults.dailyLimit();
  await enqueue(panel, [
    { text: 'After the reset one', model: 'sora2-landscape-10s' },
    { text: 'After the reset two', model: 'sora2-landscape-10s' },
  ]);
  await waitFor(
    async () => everyRow(await rowStatuses(panel), 'waiting-limit', 2),
    'jobs waiting for the limit',
  );
  sim.faults.resetQuota();
  await waitFor(
    async () => everyRow(await rowStatuses(panel), 'done', 2),
    'jobs done after the reset',
    40_000,
  );
  expect(sim.log.count('POST', '/backend/nf/create')).toBeGreaterThanOrEqual(3); // one refused, then two accepted
  expect(sim.tasks()).toHaveLength(2);
});

test('a content-policy refusal fails only its own job, in plain words', async () => {
  const { sim, browser, panel } = await start({ renderMs: 1_500, contentPolicyPattern: 'forbidden' });
  await enqueue(panel, [
    { text: 'A forbidden scene', model: 'sora2-landscape-10s' },
    { text: 'A harmless sunrise', model: 'sora2-landscape-10s' },
  ]);
  await waitFor(async () => {
    const statuses = await rowStatuses(panel);
    return statuses.length === 2 && statuses.includes('failed') && statuses.includes('done');
  }, 'one failed and one done');
  const failed = panel.locator('[data-testid="job-row"][data-status="failed"]');
  expect(await failed.locator('.job-prompt').textContent()).toBe('A forbidden scene');
  expect((await failed.getByTestId('job-error').textContent())?.length).toBeGreaterThan(10);
  expect(listFiles(browser.downloadDir)).toHaveLength(1);
  expect(sim.tasks()).toHaveLength(2);
});

test('a create whose response was lost is reconciled, never sent twice', async () => {
  const { sim, browser, panel } = await start({ renderMs: 2_000 });
  sim.faults.loseCreateResponse(1);
  await enqueue(panel, [{ text: 'The response to this create is lost', model: 'sora2-landscape-10s' }]);
  await waitFor(async () => everyRow(await rowStatuses(panel), 'done', 1), 'the job done', 40_000);
  expect(sim.log.count('POST', '/backend/nf/create')).toBe(1);
  expect(sim.tasks()).toHaveLength(1);
  expect(listFiles(browser.downloadDir)).toHaveLength(1);
});
