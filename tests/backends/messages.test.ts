import { describe, expect, it } from 'vitest';
import { BACKEND_ERROR_MESSAGE_KEYS } from '@/lib/backend/errors';
import { normalizeBaseUrl } from '@/lib/connections/base-url';
import { cleanConnectionInput } from '@/lib/connections/input';
import en from '@/public/_locales/en/messages.json';
import zh from '@/public/_locales/zh_CN/messages.json';

const has = (key: string): boolean => key in en && key in zh;

describe('every message the backends and connections show is in both catalogues', () => {
  it('error codes', () => {
    for (const key of Object.values(BACKEND_ERROR_MESSAGE_KEYS)) expect(has(key), key).toBe(true);
  });

  it('connection form errors', () => {
    const keys = new Set<string>();
    for (const url of ['nope', 'http://example.com', 'https://u:p@x.example', 'https://x.example/?a=1']) {
      const r = normalizeBaseUrl(url);
      if (!r.ok) keys.add(r.messageKey);
    }
    const inputs = [
      { kind: 'x' as 'task-api', baseUrl: 'https://a.example', keys: '' },
      {
        kind: 'task-api' as const,
        baseUrl: 'https://a.example',
        keys: 'bad key',
        name: 'n'.repeat(61),
        concurrency: 0,
        authHeader: 'api-key' as const,
      },
      {
        kind: 'task-api' as const,
        baseUrl: 'https://a.example',
        keys: Array.from({ length: 21 }, (_, i) => `key-${i}-abcdefgh`).join('\n'),
      },
    ];
    for (const input of inputs) {
      const out = cleanConnectionInput(input, { concurrency: 2 });
      if (Array.isArray(out)) for (const e of out) keys.add(e.messageKey);
    }
    expect(keys.size).toBe(11);
    for (const key of keys) expect(has(key), key).toBe(true);
  });
});
