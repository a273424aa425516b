import { z } from 'zod/mini';
import { normalizeBaseUrl } from './base-url';

/** Why a key was set aside: the server refused it (401/403) or it ran out of credits (402/quota). */
export const SetAsideSchema = z.object({
  code: z.enum(['auth', 'quota_exhausted']),
  reason: z.string().check(z.maxLength(500)),
  at: z.number(),
});

/** A key as stored with its connection: an id and its masked form only; the secret lives elsewhere. */
export const ConnectionKeySchema = z.object({
  id: z.string().check(z.regex(/^key_[0-9a-f]{16}$/)),
  masked: z.string().check(z.maxLength(20)),
  addedAt: z.number(),
  setAside: z.nullable(SetAsideSchema),
});
export type ConnectionKey = z.output<typeof ConnectionKeySchema>;

export const ConnectionKindSchema = z.enum(['videos-api', 'task-api']);
export type ConnectionKind = z.output<typeof ConnectionKindSchema>;

/** One added backend connection (the UI contract's Backends table), as kept in `storage.local` — no secrets. */
export const ConnectionSchema = z.object({
  id: z.string().check(z.regex(/^conn_[0-9a-f]{16}$/)),
  kind: ConnectionKindSchema,
  baseUrl: z.string().check(z.refine((u) => normalizeBaseUrl(u).ok, 'not an allowed base URL')),
  name: z.string().check(z.maxLength(60)),
  /** Jobs generating at once on this connection. */
  concurrency: z.int().check(z.gte(1), z.lte(10)),
  /** Azure OpenAI takes the key as `api-key`; everyone else as `Authorization: Bearer`. */
  authHeader: z.enum(['bearer', 'api-key']),
  /** `session`: the keys live in `storage.session` and are gone when the browser closes. */
  keyStorage: z.enum(['local', 'session']),
  keys: z.array(ConnectionKeySchema).check(z.minLength(1), z.maxLength(20)),
  createdAt: z.number(),
});
export type Connection = z.output<typeof ConnectionSchema>;

export const ConnectionListSchema = z.array(ConnectionSchema);

/** key id → secret, in `storage.local` or `storage.session` only. */
export const KeySecretsSchema = z.record(z.string(), z.string().check(z.minLength(1)));
export type KeySecrets = z.output<typeof KeySecretsSchema>;
