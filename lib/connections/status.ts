import { storage } from 'wxt/utils/storage';
import { z } from 'zod/mini';

/** What the background last knew about a connection (the UI contract's `backend-item` `data-state`). */
export const ConnectionStateSchema = z.object({
  state: z.enum(['ready', 'needs-permission', 'error']),
  /** Why it is not ready, or what the last Check found, in plain words; never a key. */
  reason: z.nullable(z.string().check(z.maxLength(500))),
  checkedAt: z.number(),
  /** The models the server listed at the last Check (`GET /models`), null when it lists none. */
  models: z._default(z.nullable(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(500))), null),
});
export type ConnectionState = z.output<typeof ConnectionStateSchema>;
export type ConnectionStateInput = z.input<typeof ConnectionStateSchema>;

export const ConnectionStatesSchema = z.record(z.string(), ConnectionStateSchema);

/** Connection id → state, published by the background (storage.local; no secrets). */
export const connectionStatesItem = storage.defineItem<unknown>('local:connectionStates', { fallback: {} });

/** The stored states, or none when they do not parse (a state is only ever a hint for the UI). */
export async function readConnectionStates(): Promise<Record<string, ConnectionState>> {
  const parsed = ConnectionStatesSchema.safeParse(await connectionStatesItem.getValue());
  return parsed.success ? parsed.data : {};
}

/** Records one connection's state; unchanged states are not written again. */
export async function publishConnectionState(id: string, input: ConnectionStateInput): Promise<void> {
  const next = ConnectionStateSchema.parse(input);
  const all = await readConnectionStates();
  const current = all[id];
  if (
    current &&
    current.state === next.state &&
    current.reason === next.reason &&
    next.checkedAt - current.checkedAt < 30_000
  )
    return;
  await connectionStatesItem.setValue({ ...all, [id]: next });
}

/** Forgets a removed connection's state. */
export async function forgetConnectionState(id: string): Promise<void> {
  const { [id]: _gone, ...rest } = await readConnectionStates();
  await connectionStatesItem.setValue(rest);
}
