import { randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** Lowercase ULID (26 chars), the shape of real ids such as task_01kn28krhqf1ham2nx633k7yt6 (docs/backend-facts.md §5.1). */
export function ulid(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rnd = randomBytes(16);
  let tail = '';
  for (const b of rnd) tail += CROCKFORD[b % 32];
  return time + tail;
}

/** A `task_…` id (docs/backend-facts.md §4.13). */
export const taskId = (): string => `task_${ulid()}`;
/** A `gen_…` draft id (docs/backend-facts.md §5.3). */
export const genId = (): string => `gen_${ulid()}`;
/** A random opaque token (base64url). */
export const opaque = (bytes = 24): string => randomBytes(bytes).toString('base64url');
/** UUID v4. */
export const uuid = (): string => randomUUID();
