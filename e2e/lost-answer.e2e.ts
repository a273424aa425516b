import { expect, test } from 'vitest';
import { enqueue, storedJobs, storedRows } from './extension';
import { useSessions } from './session';
import { expectCleanDownloads, waitFor } from './wait';

const start = useSessions();

/** The extension gives up on a request after 25 s (REQUEST_TIMEOUT_MS, below Chrome's 30 s kill). */
const CLIENT_TIMEOUT_MS = 25_000;
const allCompleted = async (page: Parameters<typeof storedJobs>[0], n: number): Promise<boolean> => {
  const jobs = await storedJobs(page);
  return jobs.length === n && jobs.every((j) => j.status === 'completed');
};
const creates = (sim: { log: { count(m: string, p: string): number } }): number =>
  sim.log.count('POST', '/backend/nf/create');

test('3 jobs at a 6 s render, the first create never answered: exactly 3 tasks, 3 files', async () => {
  const { sim, browser, page } = await start({ renderMs: 6_000, draftLagMs: 2_000 });
  sim.faults.hangCreateAnswer('hang');
  await enqueue(
    page,
    ['First, never answered', 'Second', 'Third'].map((text) => ({ text, model: 'sora2-landscape-10s' })),
  );
  // By the time the client gives up, the first task has finished and left pending for the drafts.
  await waitFor(() => allCompleted(page, 3), 'all three jobs completed', CLIENT_TIMEOUT_MS + 45_000);
  expect(sim.tasks()).toHaveLength(3);
  expect(creates(sim)).toBe(3); // the unanswered one included: never sent again
  const first = sim.log.filter({ method: 'POST', path: '/backend/nf/create' })[0]!;
  expect(first).toMatchObject({ status: 0, fault: 'accept-then-hang' });
  const jobs = await storedJobs(page);
  expect(new Set(jobs.map((j) => j.taskId))).toEqual(new Set(sim.tasks().map((t) => t.id)));
  expectCleanDownloads(browser.downloadDir, 3);
});

test('a create answer cut off once its task had finished: found in drafts, not sent again', async () => {
  const { sim, browser, page } = await start({ renderMs: 4_000, draftLagMs: 1_500 });
  sim.faults.hangCreateAnswer('cut-after-finish');
  await enqueue(page, [{ text: 'Answer cut late', model: 'sora2-landscape-10s' }]);
  await waitFor(() => allCompleted(page, 1), 'the job completed', 45_000);
  expect(sim.tasks()).toHaveLength(1);
  expect(creates(sim)).toBe(1);
  expect((await storedJobs(page))[0]?.taskId).toBe(sim.tasks()[0]?.id);
  expectCleanDownloads(browser.downloadDir, 1);
});

test('a create answer lost while the user signs out is reconciled after sign-in, not repeated', async () => {
  const { sim, browser, page } = await start({ renderMs: 3_000 });
  sim.faults.hangCreateAnswer('hang');
  await enqueue(page, [{ text: 'Lost while signing out', model: 'sora2-landscape-10s' }]);
  await waitFor(() => creates(sim) === 1, 'the create request');
  sim.signOut();
  // The answer is lost (timeout), the lists cannot be read: the job waits for login...
  await waitFor(
    async () => (await storedJobs(page))[0]?.status === 'needs_auth',
    'the job waiting for login',
    CLIENT_TIMEOUT_MS + 20_000,
  );
  // ...for longer than the whole reconcile window, which must not run out while nobody can look.
  await new Promise((resolve) => setTimeout(resolve, 32_000));
  expect((await storedJobs(page))[0]?.status).toBe('needs_auth');
  sim.signIn();
  await waitFor(() => allCompleted(page, 1), 'the job completed after sign-in', 45_000);
  expect(creates(sim)).toBe(1);
  expect(sim.tasks()).toHaveLength(1);
  expect((await storedJobs(page))[0]?.taskId).toBe(sim.tasks()[0]?.id);
  expectCleanDownloads(browser.downloadDir, 1);
});

test('a duplicated POST (two tasks for one request): one job, two results, both saved, the note shown', async () => {
  const { sim, browser, page } = await start({ renderMs: 3_000, draftLagMs: 500 }, 'sidepanel');
  sim.faults.duplicateCreate();
  await enqueue(page, [{ text: 'Sent once, made twice', model: 'sora2-landscape-10s' }]);
  await waitFor(() => allCompleted(page, 1), 'the job completed', 45_000);
  expect(creates(sim)).toBe(1);
  expect(sim.tasks()).toHaveLength(2);
  const [job] = await storedRows<{ taskId: string; extras: { taskId: string; state: string }[] }>(
    page,
    'jobs',
  );
  const ids = sim.tasks().map((t) => t.id);
  expect(new Set([job!.taskId, ...job!.extras.map((e) => e.taskId)])).toEqual(new Set(ids));
  expect(job!.extras.map((e) => e.state)).toEqual(['completed']);
  // Both videos served and saved once each; no third job, no duplicate file of either.
  expectCleanDownloads(browser.downloadDir, 2);
  const note = page.getByTestId('job-note');
  await waitFor(async () => (await note.getAttribute('data-note-state')) === 'saved', 'the saved note');
  expect(await note.getAttribute('data-results')).toBe('2');
  expect(await note.textContent()).toMatch(/Sora made 2 videos for this job; all were saved/);
});
