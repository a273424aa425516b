import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@/lib/db/migrations';

const ROOT = join(import.meta.dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const privacy = readme.split(/^## /m).find((s) => s.startsWith('Privacy')) ?? '';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
const code = ['lib', 'components', 'entrypoints'].flatMap(sources).map((file) => ({
  file: relative(ROOT, file),
  // Comment lines say things like "fetch the link"; only code counts.
  text: readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
    .join('\n'),
}));

/**
 * Every place the code reaches the network, reviewed: each is what the README's Privacy section says
 * is sent, and where. A new one fails here until the README and this list are updated together.
 */
const NETWORK = {
  'lib/sora/http.ts': 'sora.chatgpt.com',
  'lib/background/services.ts': 'sora.chatgpt.com',
  'lib/sora/media-fetch.ts': 'videos.openai.com',
  'lib/sora/sora-capabilities.ts': 'videos.openai.com', // through media-fetch
  'lib/platform/signals.ts': 'completion webhook',
  'lib/pipeline/inputs.ts': 'image you add by its web address',
  'lib/backends/http.ts': 'backend connection you add',
} as const;

/** Each IndexedDB table and the words the README's storage table uses for it. */
const TABLES: Record<string, string> = {
  jobs: 'Your jobs',
  batches: 'batches',
  results: 'results',
  inputs: 'Images or videos you attach',
  characters: 'Characters you create',
  events: "each job's history",
  requestLog: 'request log',
  libraryItems: 'The library as last listed',
  libraryScans: 'how far each list was read',
  backupRuns: 'each backup',
  backupItems: 'a row per item',
  jobCounts: 'The number of jobs in each status',
  jobWords: "the words of each job's prompt",
};

describe('the README Privacy section tells the truth about the code', () => {
  it('names every place that sends data, and no new one appears unreviewed', () => {
    const senders = code
      .filter((f) => /\bfetch\b|XMLHttpRequest|WebSocket|EventSource|sendBeacon/.test(f.text))
      .map((f) => f.file)
      .sort();
    expect(senders).toEqual(Object.keys(NETWORK).sort());
    for (const words of Object.values(NETWORK)) expect(privacy).toContain(words);
  });

  it('describes every IndexedDB table', () => {
    // Each version lists only the tables it adds or changes (Dexie); a null store is a dropped table.
    const stores = Object.assign({}, ...MIGRATIONS.map((m) => m.stores)) as Record<string, string | null>;
    const tables = Object.keys(stores)
      .filter((t) => stores[t] !== null)
      .sort();
    expect(tables).toEqual(Object.keys(TABLES).sort());
    for (const words of Object.values(TABLES)) expect(privacy).toContain(words);
    expect(privacy).toContain('IndexedDB `sora-companion`');
  });

  it('has a row for every storage area the code uses', () => {
    const areas = new Set(
      code.flatMap((f) => [...f.text.matchAll(/defineItem<[^>]*>\(\s*'(\w+):/g)].map((m) => m[1]!)),
    );
    expect([...areas].sort()).toEqual(['local', 'session']);
    for (const area of areas) expect(privacy).toMatch(new RegExp(`^\\| \`storage\\.${area}\``, 'm'));
  });

  it('says nothing is sent anywhere but Sora and the user’s own choices', () => {
    expect(privacy).toMatch(/Requests go only to your own Sora account/);
    expect(privacy).toMatch(/no analytics/i);
  });
});
