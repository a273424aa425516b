import { normalizeBaseUrl } from './base-url';
import type { ConnectionKind } from './schema';

/** What the options page's add form sends (the UI contract's Backends table `backend-add-*`). */
export interface ConnectionInput {
  kind: ConnectionKind;
  baseUrl: string;
  /** The keys textarea: one per line. */
  keys: string;
  name?: string;
  concurrency?: number;
  authHeader?: 'bearer' | 'api-key';
  sessionOnly?: boolean;
}

/** One field's problem, to show where it was entered. */
export interface FieldError {
  field: 'kind' | 'baseUrl' | 'keys' | 'name' | 'concurrency' | 'authHeader';
  message: string;
  messageKey: string;
}

export interface CleanInput {
  kind: ConnectionKind;
  baseUrl: string;
  keys: string[];
  name: string;
  concurrency: number;
  authHeader: 'bearer' | 'api-key';
  keyStorage: 'local' | 'session';
}

/** Keys are printable, without spaces: anything else is a paste gone wrong. */
const KEY = /^[\x21-\x7e]{8,512}$/;

function splitKeys(text: string): { keys: string[]; bad: number } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const keys = [...new Set(lines.map((l) => l.replace(/^Bearer\s+/i, '')))];
  return { keys: keys.filter((k) => KEY.test(k)), bad: keys.filter((k) => !KEY.test(k)).length };
}

/** Validates the add form; every problem names its field, nothing is saved until all are fixed. */
export function cleanConnectionInput(
  input: ConnectionInput,
  defaults: { concurrency: number },
): CleanInput | FieldError[] {
  const errors: FieldError[] = [];
  if (input.kind !== 'videos-api' && input.kind !== 'task-api')
    errors.push({
      field: 'kind',
      message: 'Pick the kind of connection.',
      messageKey: 'connectionKindMissing',
    });
  const url = normalizeBaseUrl(input.baseUrl);
  if (!url.ok) errors.push({ field: 'baseUrl', message: url.reason, messageKey: url.messageKey });
  const { keys, bad } = splitKeys(input.keys);
  if (bad > 0)
    errors.push({
      field: 'keys',
      message: `${bad} line(s) do not look like an API key (8–512 characters, no spaces).`,
      messageKey: 'connectionKeysInvalid',
    });
  else if (keys.length === 0)
    errors.push({
      field: 'keys',
      message: 'Enter at least one API key.',
      messageKey: 'connectionKeysMissing',
    });
  else if (keys.length > 20)
    errors.push({
      field: 'keys',
      message: 'At most 20 keys per connection.',
      messageKey: 'connectionKeysTooMany',
    });
  const name = (input.name ?? '').trim();
  if (name.length > 60)
    errors.push({
      field: 'name',
      message: 'The name is longer than 60 characters.',
      messageKey: 'connectionNameTooLong',
    });
  const concurrency = input.concurrency ?? defaults.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 10)
    errors.push({
      field: 'concurrency',
      message: 'Jobs at once must be a whole number from 1 to 10.',
      messageKey: 'connectionConcurrencyInvalid',
    });
  if (input.kind === 'task-api' && input.authHeader === 'api-key')
    errors.push({
      field: 'authHeader',
      message: 'The task API takes its key as Authorization: Bearer only.',
      messageKey: 'connectionAuthHeaderInvalid',
    });
  if (errors.length > 0 || !url.ok) return errors;
  return {
    kind: input.kind,
    baseUrl: url.url,
    keys,
    name,
    concurrency,
    authHeader: input.authHeader ?? 'bearer',
    keyStorage: input.sessionOnly ? 'session' : 'local',
  };
}
