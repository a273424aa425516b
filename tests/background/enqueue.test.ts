import { beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '@/lib/background/enqueue';
import { SoraDb } from '@/lib/db/schema';
import { jobFileName } from '@/lib/pipeline/download';
import { DEFAULT_FILENAME_TEMPLATE } from '@/lib/pipeline/filename';

let db: SoraDb;
const env = { now: 5_000, styles: { live: null } };

beforeEach(() => {
  // Dexie keeps the IndexedDB factory it loaded with, so each test gets its own database name.
  db = new SoraDb(`enqueue-${crypto.randomUUID()}`);
});

describe('enqueue', () => {
  it('queues the good items of a batch, reports the bad ones by index, and records the batch', async () => {
    const result = await enqueue(
      db,
      {
        items: [
          { text: 'A calm lake at dawn', model: 'sora2-landscape-10s' },
          { text: '{anme} A typo in the style', model: 'sora2-landscape-10s' },
          { text: 'A busy market', model: 'sora2-portrait-15s' },
          { text: 'Any prompt', model: 'sora3-ultra' },
        ],
        source: 'paste',
      },
      env,
    );
    expect(result.ids).toHaveLength(2);
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'unknown_style'],
      [3, 'unknown_model'],
    ]);
    expect(result.rejected[0]!.message).toContain('anime');
    const jobs = await db.jobs.orderBy('seq').toArray();
    expect(jobs.map((j) => [j.input.text, j.batchIndex])).toEqual([
      ['A calm lake at dawn', 1],
      ['A busy market', 2],
    ]);
    const [batch] = await db.batches.toArray();
    expect(batch).toMatchObject({ id: jobs[0]!.batchId, source: 'paste', total: 2 });
  });

  it('a single prompt is not a batch', async () => {
    await enqueue(db, { items: [{ text: 'One prompt', model: 'sora2-landscape-10s' }] }, env);
    expect((await db.jobs.toArray())[0]!.batchId).toBeNull();
    expect(await db.batches.count()).toBe(0);
  });

  it('queues every mode of the prompt language, a storyboard among them', async () => {
    const result = await enqueue(
      db,
      { items: [{ text: '[5.0s]A cat [5.0s]A dog', model: 'sora2-landscape-10s' }] },
      env,
    );
    expect(result.rejected).toEqual([]);
    const [job] = await db.jobs.toArray();
    expect(job!.request.kind === 'video' && job!.request.storyboard?.shots).toHaveLength(2);
  });

  it('names a batch folder after its first prompt and date, the same for every job, unique per batch', async () => {
    const day = Date.UTC(2026, 11, 2, 15, 30);
    const items = [
      { text: 'An owl at night, in the rain', model: 'sora2-landscape-10s' },
      { text: 'A fox at dawn', model: 'sora2-landscape-10s' },
    ];
    await enqueue(db, { items, source: 'paste' }, { ...env, now: day });
    await enqueue(db, { items, source: 'paste' }, { ...env, now: day + 60_000 });
    const jobs = await db.jobs.orderBy('seq').toArray();
    expect(jobs.map((j) => j.batchId)).toEqual([
      'an-owl-at-night-in-the-rain_2026-12-02',
      'an-owl-at-night-in-the-rain_2026-12-02',
      'an-owl-at-night-in-the-rain_2026-12-02-2',
      'an-owl-at-night-in-the-rain_2026-12-02-2',
    ]);
    expect((await db.batches.toArray()).map((b) => b.id).sort()).toEqual([
      'an-owl-at-night-in-the-rain_2026-12-02',
      'an-owl-at-night-in-the-rain_2026-12-02-2',
    ]);
    const folders = jobs.map((j) =>
      jobFileName(DEFAULT_FILENAME_TEMPLATE, j).split('/').slice(0, 2).join('/'),
    );
    expect(folders).toEqual([
      'Sora Companion/an-owl-at-night-in-the-rain_2026-12-02',
      'Sora Companion/an-owl-at-night-in-the-rain_2026-12-02',
      'Sora Companion/an-owl-at-night-in-the-rain_2026-12-02-2',
      'Sora Companion/an-owl-at-night-in-the-rain_2026-12-02-2',
    ]);
  });
});
