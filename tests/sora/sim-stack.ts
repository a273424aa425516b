import { createSimFetch, DEVICE_COOKIE, type Sim, sentinelToken } from '@/sim';
import { createStack } from './helpers';

/**
 * The real client stack against the simulator: Node fetch trusting its certificate with a cookie jar
 * (like the browser's), the page SDK stood in for by `sentinelToken`, and "reload our Sora tab" by a
 * page load (which re-issues the JWT, docs/backend-facts.md §2.2).
 */
export async function simStack(sim: Sim, opts: { timeoutMs?: number; sdk?: () => boolean } = {}) {
  const f = createSimFetch(sim);
  await f('https://sora.chatgpt.com/__sim/login', { redirect: 'manual' });
  const deviceId = (): string => f.jar.get('https://sora.chatgpt.com/', DEVICE_COOKIE)?.value ?? '';
  const stack = createStack({
    fetch: (input, init) => f(input, init),
    timeoutMs: opts.timeoutMs ?? 25_000,
    runInPage: async (flow) => (opts.sdk?.() === false ? null : sentinelToken(f, deviceId(), flow)),
    reloadSoraPage: async () => {
      await (await f('https://sora.chatgpt.com/explore')).text();
    },
  });
  return { ...stack, f, deviceId };
}
