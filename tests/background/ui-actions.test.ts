import { beforeEach, describe, expect, it } from 'vitest';
import { importFile, sourceText } from '@/lib/background/import-file';
import { bulkAction, editJob, reorderJob } from '@/lib/background/queue-actions';
import { exportData, importData } from '@/lib/background/transfer';
import { SoraDb } from '@/lib/db/schema';
import { parsePrompt } from '@/lib/prompt/parse';
import { makeJob } from '../helpers/jobs';

let db: SoraDb;
const env = { now: 5_000, styles: { live: null } };
const order = async () => (await db.jobs.orderBy('seq').toArray()).map((j) => j.id);

beforeEach(() => {
  db = new SoraDb(`ui-actions-${crypto.randomUUID()}`);
});

describe('importFile', () => {
  it('queues good rows (a storyboard among them) and reports bad ones at their file lines', async () => {
    const csv = [
      'prompt,model',
      'A kitten,',
      '"A long, ""quoted""',
      'prompt over lines",',
      '[5.0s]A storyboard [5.0s]row,',
      '{nope}A dog,',
      'A fox,sora2-portrait-10s',
    ].join('\n');
    const result = await importFile(db, { fileName: 'p.csv', text: csv, model: 'sora2-landscape-10s' }, env);
    expect(result.ids).toHaveLength(4);
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([[6, 'unknown_style']]);
    expect(result.rejected[0]!.reason).toMatch(/nope/);
    const jobs = await db.jobs.orderBy('seq').toArray();
    expect(jobs.map((j) => j.input.model)).toEqual([
      'sora2-landscape-10s',
      'sora2-landscape-10s',
      'sora2-landscape-10s',
      'sora2-portrait-10s',
    ]);
    expect(new Set(jobs.map((j) => j.batchId)).size).toBe(1);
  });

  it('reports txt and jsonl lines exactly', async () => {
    const txt = await importFile(
      db,
      { fileName: 'a.txt', text: 'one\n\n{nope} b\nthree', model: 'sora2-landscape-10s' },
      env,
    );
    expect(txt.ids).toHaveLength(2);
    expect(txt.rejected.map((r) => r.line)).toEqual([3]);
    const jsonl = await importFile(
      db,
      { fileName: 'a.jsonl', text: '{"prompt":"x"}\nnot json\n{"prompt":"y"}', model: 'sora2-landscape-10s' },
      env,
    );
    expect(jsonl.ids).toHaveLength(2);
    expect(jsonl.rejected.map((r) => r.line)).toEqual([2]);
  });

  it('rebuilds prompt text that parses back to the same request', () => {
    for (const text of [`{anime} A cat \\{literal\\} s_${'c'.repeat(32)}`, 'Plain prompt']) {
      const parsed = parsePrompt(text, { model: 'sora2-portrait-15s', styles: { live: null } });
      if (!parsed.ok) throw parsed.error;
      const again = parsePrompt(sourceText(parsed.request), {
        model: 'sora2-portrait-15s',
        styles: { live: null },
      });
      expect(again.ok && again.request).toEqual(parsed.request);
    }
  });
});

describe('queue actions', () => {
  beforeEach(async () => {
    await db.jobs.bulkAdd(['a', 'b', 'c', 'd'].map((id, i) => makeJob({ id, seq: i + 1 })));
  });

  it('moves one job before another by rewriting only its seq', async () => {
    expect(await reorderJob(db, 'd', 'b', 1)).toBe(1);
    expect(await order()).toEqual(['a', 'd', 'b', 'c']);
    await reorderJob(db, 'a', null, 1);
    expect(await order()).toEqual(['d', 'b', 'c', 'a']);
    await reorderJob(db, 'c', 'd', 1);
    expect(await order()).toEqual(['c', 'd', 'b', 'a']);
    expect((await db.jobs.get('b'))!.version).toBe(0);
  });

  it('edits a job that has not reached Sora and refuses one that has', async () => {
    expect(await editJob(db, { id: 'a', text: 'A new prompt', model: 'sora2-portrait-15s' }, env)).toBeNull();
    const edited = await db.jobs.get('a');
    expect(edited!.input).toEqual({ text: 'A new prompt', model: 'sora2-portrait-15s' });
    expect(edited!.request.kind === 'video' && edited!.request.params.durationS).toBe(15);
    await db.jobs.update('b', { status: 'generating', taskId: 'task_1' });
    expect(await editJob(db, { id: 'b', text: 'x', model: 'sora2-landscape-10s' }, env)).toMatch(
      /already sent/,
    );
    expect(await editJob(db, { id: 'c', text: '{nope} x', model: 'sora2-landscape-10s' }, env)).toMatch(
      /Unknown style/,
    );
  });

  it('retries an edited failed job, even one Sora had already run (a retry is a new create)', async () => {
    await db.jobs.update('a', { status: 'failed', taskId: 'task_9', error: { code: 'x', message: 'y' } });
    expect(
      await editJob(db, { id: 'a', text: 'Fixed prompt', model: 'sora2-landscape-10s' }, env),
    ).toBeNull();
    expect(await db.jobs.get('a')).toMatchObject({
      status: 'queued',
      taskId: null,
      input: { text: 'Fixed prompt' },
    });
  });

  it('keeps the attached image when only the text is edited', async () => {
    const image = {
      source: 'url' as const,
      url: 'https://example.com/cat.png',
      mime: 'image/*',
      approxBytes: null,
    };
    const job = await db.jobs.get('a');
    if (job?.request.kind !== 'video') throw new Error('fixture');
    await db.jobs.update('a', { request: { ...job.request, images: [image] } });
    expect(
      await editJob(db, { id: 'a', text: 'Let this cat dance', model: 'sora2-landscape-10s' }, env),
    ).toBeNull();
    const edited = await db.jobs.get('a');
    expect(edited!.request.kind === 'video' && edited!.request.images).toEqual([image]);
  });

  it('"run next" moves the chosen waiting jobs ahead of all others, in their own order', async () => {
    await db.jobs.update('b', { status: 'generating', taskId: 'task_1' });
    expect(await bulkAction(db, 'first', ['d', 'b', 'c'], 1)).toBe(2);
    expect(await order()).toEqual(['c', 'd', 'a', 'b']);
  });

  it('removes only finished jobs in bulk, with their events', async () => {
    await db.jobs.update('a', { status: 'completed' });
    await db.events.add({ jobId: 'a', at: 1, type: 'downloaded', status: 'completed', detail: null });
    expect(await bulkAction(db, 'remove', ['a', 'b'], 1)).toBe(1);
    expect(await order()).toEqual(['b', 'c', 'd']);
    expect(await db.events.where('jobId').equals('a').count()).toBe(0);
    expect(await bulkAction(db, 'pause', ['b', 'c'], 1)).toBe(2);
  });
});

describe('export and import', () => {
  it('round-trips jobs, batches and events with ids kept, and never overwrites', async () => {
    await importFile(db, { fileName: 'a.txt', text: 'one\ntwo', model: 'sora2-landscape-10s' }, env);
    const file = JSON.parse(JSON.stringify(await exportData(db, 9)));
    const other = new SoraDb(`ui-actions-${crypto.randomUUID()}`);
    expect(await importData(other, file)).toEqual({ added: 2, skipped: 0, rejected: [] });
    expect(await other.jobs.orderBy('seq').toArray()).toEqual(await db.jobs.orderBy('seq').toArray());
    expect(await other.batches.toArray()).toEqual(await db.batches.toArray());
    expect(await other.events.count()).toBe(await db.events.count());
    expect(await importData(other, file)).toEqual({ added: 0, skipped: 2, rejected: [] });
  });

  it('refuses a file that is not an export, writing nothing', async () => {
    await expect(importData(db, { format: 'other', jobs: [] })).rejects.toThrow(
      /not a Sora Companion export/,
    );
    expect(await db.jobs.count()).toBe(0);
  });

  it('restores the good jobs of a damaged export and reports each bad one by position', async () => {
    await importFile(db, { fileName: 'a.txt', text: 'one\ntwo', model: 'sora2-landscape-10s' }, env);
    const file = JSON.parse(JSON.stringify(await exportData(db, 9))) as { jobs: Record<string, unknown>[] };
    file.jobs.splice(1, 0, { id: 'broken', status: 'flying' });
    const other = new SoraDb(`ui-actions-${crypto.randomUUID()}`);
    const result = await importData(other, file);
    expect(result).toMatchObject({ added: 2, skipped: 0 });
    expect(result.rejected).toEqual([{ index: 1, id: 'broken', reason: expect.any(String) }]);
    expect(await other.jobs.count()).toBe(2);
  });
});
