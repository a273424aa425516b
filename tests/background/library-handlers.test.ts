import { afterEach, describe, expect, it } from 'vitest';
import { libraryHandlers } from '@/lib/background/library-handlers';
import type { Services } from '@/lib/background/services';
import type { Connection } from '@/lib/connections/schema';
import { SoraDb } from '@/lib/db/schema';
import type { LibrarySource } from '@/lib/library/source';

const VIDEOS = 'conn_00000000000000a1';
const TASKS = 'conn_00000000000000b2';
let db: SoraDb | null = null;
afterEach(() => db?.close());

function handlers(blocked: string | null) {
  db = new SoraDb(`library-rpc-${crypto.randomUUID()}`);
  const source: LibrarySource = {
    id: VIDEOS,
    authMessage: 'refused',
    lists: ['videos'],
    page: async () => ({ items: [], cursor: null }),
    file: async () => null,
    blocked: async () => blocked,
  };
  const kinds: Record<string, Connection['kind']> = { [VIDEOS]: 'videos-api', [TASKS]: 'task-api' };
  const services = {
    db,
    library: { sources: async (id: string) => (id === VIDEOS ? source : null), kick: async () => undefined },
    connections: { get: async (id: string) => (kinds[id] ? ({ id, kind: kinds[id] } as Connection) : null) },
  } as unknown as Services;
  return { rpc: libraryHandlers(services), db };
}

const options = { layout: 'date' as const, pace: 'fast' as const, itemIds: [] as string[] };

describe('library RPC: which source, and why not', () => {
  it('reads and backs up a Videos API connection by its id; the run and scans carry it', async () => {
    const { rpc, db } = handlers(null);
    const refreshed = await rpc.libraryRefresh({ source: VIDEOS });
    expect(refreshed.error).toBeNull();
    expect((await db.libraryScans.toArray()).map((s) => s.list)).toEqual([`${VIDEOS}:videos`]);
    await db.libraryScans.clear();
    const started = await rpc.backupStart({ source: VIDEOS, ...options });
    expect(started.error).toBeNull();
    expect((await db.backupRuns.toArray()).map((r) => r.source)).toEqual([VIDEOS]);
  });

  it('a connection without its host permission, a task API one and a removed one are refused with the reason', async () => {
    const { rpc, db } = handlers('This browser has not granted access to gw.example.com');
    expect(await rpc.libraryRefresh({ source: VIDEOS })).toEqual({
      scanId: null,
      error: 'This browser has not granted access to gw.example.com',
    });
    expect((await rpc.backupStart({ source: TASKS, ...options })).error).toMatch(/no list of videos/);
    expect((await rpc.backupStart({ source: 'conn_00000000000000c3', ...options })).error).toMatch(
      /no such connection/,
    );
    expect(await db.libraryScans.count()).toBe(0);
    expect(await db.backupRuns.count()).toBe(0);
  });
});
