import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { tokenItem } from '@/lib/background/token-item';
import { SIGNED_OUT_CHECK_MS } from '@/lib/pipeline/tick';
import { makeJob } from '../helpers/jobs';
import { createRealPipeline } from '../helpers/real-stack';
import { fixture, json, jwt } from '../sora/helpers';

// Reliability docs/reliability.md §16, in the worker's loop over the real client stack, with the token kept
// where the background keeps it (`storage.session`, here the fake browser's) and fake timers.

const SESSION = 'GET /api/auth/session';
const PENDING = 'GET /backend/nf/pending/v2';
const DAY = 86_400_000;

beforeEach(() => {
  fakeBrowser.reset();
  // fake-indexeddb and the fake browser's storage work on (real) setImmediate.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(1_775_000_000_000);
});
afterEach(() => vi.useRealTimers());

const refusals: [string, () => Response][] = [
  ['401 token_invalidated', () => json(401, fixture('error-token-invalidated'))],
  ['JSON 403', () => json(403, { error: { message: 'Forbidden', code: 'forbidden' } })],
];

describe('an auth failure stops work (docs/reliability.md §16)', () => {
  it.each(refusals)(
    '%s: needs_auth, token gone from memory and storage.session, then only session checks for 20 s',
    async (_n, refusal) => {
      const old = jwt(Date.now() + 8 * DAY, 'old');
      const renewed = jwt(Date.now() + 9 * DAY, 'new');
      const backend = { refusing: false, token: old };
      const session = () => json(200, { ...(fixture('session') as object), accessToken: backend.token });
      const p = createRealPipeline(
        {
          [SESSION]: session,
          [PENDING]: (call) =>
            backend.refusing || call.headers.get('authorization') !== `Bearer ${backend.token}`
              ? refusal()
              : json(200, []),
        },
        { store: { get: () => tokenItem.getValue(), set: (t) => tokenItem.setValue(t) } },
      );
      const job = makeJob({ status: 'generating', taskId: 'task_1', createIntentAt: 1 }, 'A red fox');
      await p.start([job]);
      await p.advance(5_000);
      expect((await tokenItem.getValue())?.accessToken).toBe(old);
      expect(p.session.isCached()).toBe(true);

      backend.refusing = true; // from now on every backend call is refused, whatever the token
      let heldAt = 0;
      for (let t = 0; t < 10_000 && !heldAt; t += 100) {
        await p.advance(100);
        if ((await p.job(job.id)).status === 'needs_auth') heldAt = Date.now();
      }
      expect(heldAt).toBeGreaterThan(0);
      expect(await tokenItem.getValue()).toBeNull();
      expect(await fakeBrowser.storage.session.get(null)).not.toHaveProperty('token', expect.anything());
      expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(old);
      expect(p.session.isCached()).toBe(false);

      const before = p.requests.length;
      await p.advance(20_000);
      const after = p.requests.slice(before);
      expect(after.map((r) => r.key)).toEqual(after.map(() => SESSION)); // nothing but session checks…
      expect(after.length).toBeGreaterThanOrEqual(1);
      expect(after.length).toBeLessThanOrEqual(Math.ceil(20_000 / SIGNED_OUT_CHECK_MS)); // …at most every 10 s
      expect((await p.job(job.id)).status).toBe('needs_auth'); // the same refused token is not a sign-in
      expect(await tokenItem.getValue()).toBeNull();

      // Signing in again (Sora issues a new token): the job resumes with it, never with the old one.
      backend.refusing = false;
      backend.token = renewed;
      await p.advance(SIGNED_OUT_CHECK_MS + 4_000);
      expect((await p.job(job.id)).status).toBe('generating');
      const resumed = p.requests.slice(before).filter((r) => r.key === PENDING);
      expect(resumed.length).toBeGreaterThan(0);
      for (const r of resumed)
        expect(new Headers(r.init.headers).get('authorization')).toBe(`Bearer ${renewed}`);
      expect((await tokenItem.getValue())?.accessToken).toBe(renewed);
    },
  );
});
