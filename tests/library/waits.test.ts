import { describe, expect, it } from 'vitest';
import { BackendError } from '@/lib/backend/errors';
import { waitFor } from '@/lib/library/waits';
import { SoraError } from '@/lib/sora/errors';

const backend = (init: Partial<ConstructorParameters<typeof BackendError>[0]>) =>
  new BackendError({ code: 'fatal', message: 'x', endpoint: 'videos.retrieve', ...init });
const pick = (error: unknown) => {
  const { auth, final, gone, ms } = waitFor(error, 0, () => 0.5);
  return { auth, final, gone, ms };
};

describe('waits: a Sora error and the neutral BackendError say the same things', () => {
  it.each([
    [
      'Sora 404',
      new SoraError({ code: 'fatal', status: 404, message: 'x', endpoint: 'e' }),
      { gone: true, final: true, auth: false },
    ],
    [
      'Sora signed out',
      new SoraError({ code: 'signed_out', message: 'x', endpoint: 'e' }),
      { gone: false, auth: true },
    ],
    ['BackendError 404', backend({ status: 404 }), { gone: true, final: true, auth: false }],
    [
      'BackendError 404 not ready',
      backend({ code: 'not_ready', status: 404 }),
      { gone: false, final: false },
    ],
    ['BackendError auth', backend({ code: 'auth', status: 401 }), { gone: false, auth: true }],
    [
      'BackendError 5xx',
      backend({ retryable: true, status: 502 }),
      { gone: false, final: false, auth: false },
    ],
    ['BackendError bad request', backend({ code: 'bad_request', status: 400 }), { gone: false, final: true }],
  ])('%s', (_, error, expected) => {
    expect(pick(error)).toMatchObject(expected);
  });

  it("waits a 429's Retry-After as sent, and backs off without one", () => {
    expect(pick(backend({ code: 'rate_limited', status: 429, retryAfterMs: 7_000 }))).toMatchObject({
      ms: 7_000,
      final: false,
    });
    const bare = pick(backend({ code: 'rate_limited', status: 429 }));
    expect(bare.ms).toBeGreaterThan(0);
    expect(bare.ms).not.toBe(7_000);
  });
});
