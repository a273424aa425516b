import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, filterLibrary } from '@/lib/library/filter';
import { backupProgress } from '@/lib/library/progress';
import type { LibraryItemRow } from '@/lib/library/rows';

const item = (over: Partial<LibraryItemRow>): LibraryItemRow => ({
  id: 'gen_x',
  kind: 'draft',
  source: 'sora-session',
  origin: 'elsewhere',
  prompt: '',
  model: null,
  createdAt: Date.parse('2026-03-10T12:00:00Z'),
  durationS: null,
  width: null,
  height: null,
  generationId: null,
  noFileReason: null,
  parameters: {},
  thumbnail: null,
  seenScan: 's',
  goneAt: null,
  ...over,
});

const items = [
  item({ id: 'a', prompt: 'A red fox', origin: 'here', durationS: 5 }),
  item({
    id: 'b',
    prompt: 'Blue whale',
    kind: 'post',
    createdAt: Date.parse('2026-03-12T00:00:00Z'),
    durationS: 15,
  }),
  item({ id: 'c', prompt: 'Fox cub', kind: 'character', createdAt: Date.parse('2026-02-01T00:00:00Z') }),
  item({ id: 'd', prompt: 'Removed fox', goneAt: 1 }),
];
const ids = (f: Partial<typeof DEFAULT_FILTER>) =>
  filterLibrary(items, { ...DEFAULT_FILTER, ...f }).map((i) => i.id);

describe('library filter and order', () => {
  it.each([
    [{}, ['b', 'a', 'c']],
    [{ search: 'fox' }, ['a', 'c']],
    [{ kind: 'post' as const }, ['b']],
    [{ origin: 'here' as const }, ['a']],
    [{ origin: 'elsewhere' as const, search: 'fox' }, ['c']],
    [{ from: '2026-03-10', to: '2026-03-10' }, ['a']],
    [{ from: '2026-03-11' }, ['b']],
    [{ sort: 'oldest' as const }, ['c', 'a', 'b']],
    [{ sort: 'longest' as const }, ['b', 'a', 'c']],
    [{ sort: 'prompt' as const }, ['a', 'b', 'c']],
  ])('%j → %j (items removed from the account never show)', (f, want) => {
    expect(ids(f)).toEqual(want);
  });
});

describe('backup progress', () => {
  it('speed and time left come from the active time only', () => {
    const p = backupProgress({ bytes: 10_000_000, activeMs: 20_000 }, { total: 100, done: 40, failed: 10 });
    expect(p.speed).toBe(500_000);
    expect(p.leftMs).toBe(25_000); // 50 left at 500 ms each
  });
  it('nothing saved yet: unknown, not zero or infinite', () => {
    expect(backupProgress({ bytes: 0, activeMs: 0 }, { total: 5, done: 0, failed: 0 })).toMatchObject({
      speed: null,
      leftMs: null,
    });
  });
});
