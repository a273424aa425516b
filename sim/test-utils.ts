/** Shared helpers for the sim's own tests (not part of the public interface). */
import type { SignedInClient } from './helpers';

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 3000,
  everyMs = 10,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A valid create body (docs/backend-facts.md §4.1) with overrides. */
export const videoBody = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'video',
  prompt: 'A red fox running through snow',
  title: null,
  orientation: 'portrait',
  size: 'small',
  n_frames: 300,
  model: 'sy_8',
  inpaint_items: [],
  style_id: null,
  ...over,
});

/** POSTs /backend/nf/create with fresh sentinel headers. */
export async function createVideo(c: SignedInClient, over: Record<string, unknown> = {}): Promise<Response> {
  return c.f('https://sora.chatgpt.com/backend/nf/create', {
    method: 'POST',
    headers: await c.writeHeaders(),
    body: JSON.stringify(videoBody(over)),
  });
}

/** GET a sora backend path with the client's Bearer and parse JSON. */
export async function getJson<T = unknown>(
  c: SignedInClient,
  path: string,
): Promise<{ status: number; body: T }> {
  const res = await c.f(`https://sora.chatgpt.com${path}`, { headers: c.auth() });
  return { status: res.status, body: (await res.json()) as T };
}
