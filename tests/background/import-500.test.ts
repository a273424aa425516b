import { describe, expect, it } from 'vitest';
import { importFile } from '@/lib/background/import-file';
import { SoraDb } from '@/lib/db/schema';

const env = { now: 1_000, styles: { live: null } };

/** 500 rows; every 7th is bad in one of several ways; every 10th good row asks for 2 copies. */
function csv500(): { text: string; badLines: number[]; jobs: number } {
  const rows = ['prompt,model,style,count'];
  const badLines: number[] = [];
  let jobs = 0;
  for (let i = 1; i <= 500; i++) {
    const line = i + 1; // the header is line 1
    if (i % 7 === 0) {
      badLines.push(line);
      rows.push([`Row ${i},sora3-ultra,,`, `Row ${i},,nope,`, `Row ${i},,,0`, `Row ${i},,,many`][i % 4]!);
      continue;
    }
    const copies = i % 10 === 0 ? 2 : 1;
    jobs += copies;
    rows.push(
      `"Row ${i}, with a comma",${i % 2 ? 'sora2-portrait-10s' : ''},${i % 3 === 0 ? 'anime' : ''},${copies === 2 ? 2 : ''}`,
    );
  }
  return { text: rows.join('\n'), badLines, jobs };
}

describe('a 500-row import', () => {
  it('queues exactly the good rows and reports exactly the bad ones, by file line', async () => {
    const db = new SoraDb(`import-${crypto.randomUUID()}`);
    const { text, badLines, jobs } = csv500();
    const result = await importFile(db, { fileName: 'prompts.csv', text, model: 'sora2-landscape-10s' }, env);
    expect(result.rejected.map((r) => r.line)).toEqual(badLines);
    expect(result.ids).toHaveLength(jobs);
    expect(await db.jobs.count()).toBe(jobs);
    const stored = await db.jobs.orderBy('seq').toArray();
    expect(new Set(stored.map((j) => j.batchId)).size).toBe(1);
    const row3 = stored.find(
      (j) => j.request.kind === 'video' && j.request.prompt === 'Row 3, with a comma',
    )!;
    expect(row3.request).toMatchObject({ styleId: 'anime', model: 'sora2-portrait-10s' });
    expect(stored.filter((j) => j.input.text.startsWith('Row 10,'))).toHaveLength(2);
  });

  it('keeps an image_url column as the job’s image', async () => {
    const db = new SoraDb(`import-${crypto.randomUUID()}`);
    const text = 'prompt,image_url\nLet this cat dance,https://example.com/cat.png';
    const result = await importFile(db, { fileName: 'i2v.csv', text, model: 'sora2-landscape-10s' }, env);
    expect(result.rejected).toEqual([]);
    const [job] = await db.jobs.toArray();
    expect(job!.request.kind === 'video' && job!.request.images[0]).toMatchObject({
      source: 'url',
      url: 'https://example.com/cat.png',
    });
  });
});

describe('import rows that name a connection', () => {
  const connection = {
    id: 'conn_00000000000000a1',
    kind: 'videos-api' as const,
    baseUrl: 'https://gateway.example/v1',
    name: 'Gateway',
    concurrency: 2,
    authHeader: 'bearer' as const,
    keyStorage: 'local' as const,
    keys: [{ id: 'key_00000000000000b1', masked: 'sk-…0001', addedAt: 1, setAside: null }],
    createdAt: 1,
  };

  it('runs a row on the named connection (by name or id), each bad one fails alone with its line', async () => {
    const db = new SoraDb(`import-conn-${crypto.randomUUID()}`);
    const text = [
      'prompt,model,backend,count',
      'A Sora clip,,,',
      'A gateway clip,sora-2,Gateway,2',
      'By id,sora-2,conn_00000000000000a1,',
      'Nowhere,sora-2,Missing,',
      '[5s]a storyboard,sora-2,gateway,',
    ].join('\n');
    const result = await importFile(
      db,
      { fileName: 'mixed.csv', text, model: 'sora2-landscape-10s' },
      { ...env, connections: [connection] },
    );
    expect(result.rejected.map((r) => [r.line, r.reason])).toEqual([
      [5, expect.stringMatching(/No connection is called "Missing"/)],
      [6, expect.stringMatching(/Storyboard shots/)],
    ]);
    const stored = await db.jobs.orderBy('seq').toArray();
    expect(stored.map((j) => [j.backendId, j.request.kind === 'video' && j.request.prompt])).toEqual([
      ['sora', 'A Sora clip'],
      [connection.id, 'A gateway clip'],
      [connection.id, 'A gateway clip'],
      [connection.id, 'By id'],
    ]);
    expect(stored[1]!.request.model).toBe('sora-2');
  });
});
