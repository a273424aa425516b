import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  type ImportResult,
  JobRequestSchema,
  type PromptErrorCode,
  parseBatchText,
  parseImport,
} from '../../lib/prompt';
import { SIGNED_OUT } from './helpers';

const opts = { model: 'sora2-landscape-10s', styles: SIGNED_OUT } as const;

interface Row {
  prompt: string;
  model?: string;
  style?: string;
  image_url?: string;
  count?: number | string;
  bad?: PromptErrorCode;
}

/** 500 rows, every 7th one broken in a different way. */
function rows(): Row[] {
  const broken: Row[] = [
    { prompt: 'a cat', model: 'sora3-landscape-10s', bad: 'unknown_model' },
    { prompt: 'a cat', style: 'anme', bad: 'unknown_style' },
    { prompt: '   ', model: 'sora2-portrait-10s', bad: 'empty_prompt' },
    { prompt: 'a cat', count: 0, bad: 'bad_count' },
    { prompt: '[10s]a [10s]b [10s]c', bad: 'storyboard_too_long' },
    { prompt: 'a cat', image_url: 'ftp://x/a.png', bad: 'bad_media_url' },
    { prompt: 'a {{x: 1|2', bad: 'bad_template' },
  ];
  return Array.from({ length: 500 }, (_, i): Row => {
    if (i % 7 === 3) return broken[Math.floor(i / 7) % broken.length] as Row;
    if (i % 10 === 0) return { prompt: `Shot ${i}, "quoted",\nsecond line`, count: 2 };
    if (i % 11 === 0) return { prompt: `{{c: red | blue}} ball ${i}`, model: 'gpt-image' };
    return { prompt: `prompt ${i}`, style: i % 5 === 0 ? 'anime' : '' };
  });
}

function expectedJobs(all: Row[]): string[] {
  return all.flatMap((r) => {
    if (r.bad) return [];
    if (r.prompt.includes('{{'))
      return [r.prompt.replace('{{c: red | blue}}', 'red'), r.prompt.replace('{{c: red | blue}}', 'blue')];
    const text = r.prompt.replace(/[ \t]*\n[ \t]*/g, '\n');
    return Array.from({ length: Number(r.count ?? 1) }, () => text);
  });
}

function check(result: ImportResult, all: Row[], lineOf: (i: number) => number): void {
  expect(result.jobs.map((j) => ('prompt' in j ? j.prompt : ''))).toEqual(expectedJobs(all));
  for (const job of result.jobs) JobRequestSchema.parse(job);
  const bad = all.flatMap((r, i) => (r.bad ? [{ line: lineOf(i), code: r.bad }] : []));
  expect(result.rejected.map(({ line, code }) => ({ line, code }))).toEqual(bad);
  for (const r of result.rejected) expect(r.reason.length).toBeGreaterThan(10);
}

describe('500-row import', () => {
  it('CSV: exactly the good rows, exactly the bad ones, by the line each row starts on', () => {
    const all = rows();
    const csv = Papa.unparse(
      all.map(({ bad: _, ...r }) => ({
        prompt: r.prompt,
        model: r.model ?? '',
        style: r.style ?? '',
        image_url: r.image_url ?? '',
        count: r.count ?? '',
      })),
    );
    const starts: number[] = [];
    let line = 2;
    for (const r of all) {
      starts.push(line);
      line += r.prompt.split('\n').length;
    }
    const result = parseImport('batch.CSV', csv, opts);
    check(result, all, (i) => starts[i] ?? -1);
    expect(result.warnings.filter((w) => /checked again/.test(w.message)).length).toBeGreaterThan(0);
  });

  it('JSONL: the same rows in our schema, with bad JSON and chat lines mixed in', () => {
    const all = rows();
    const lines = all.map(({ bad: _, ...r }) =>
      JSON.stringify({ ...r, count: r.count === '' ? undefined : r.count }),
    );
    const text = `${lines.join('\n')}\n\n{"prompt": oops}\n${JSON.stringify({
      model: 'gpt-image',
      messages: [
        { role: 'system', content: 'x' },
        { role: 'user', content: 'last' },
      ],
    })}\n[1,2]`;
    const result = parseImport('rows.jsonl', text, opts);
    expect(result.jobs.at(-1)).toMatchObject({ kind: 'image', prompt: 'last' });
    expect(result.rejected.slice(-2).map((r) => r.line)).toEqual([502, 504]);
    expect(result.rejected.at(-2)?.reason).toMatch(/Not valid JSON/);
    expect(result.warnings).toContainEqual({
      line: 503,
      message: expect.stringMatching(/last user message/),
    });
    check(
      { ...result, jobs: result.jobs.slice(0, -1), rejected: result.rejected.slice(0, -2) },
      all,
      (i) => i + 1,
    );
  });
});

describe('batch text and file kinds', () => {
  it('paste: one prompt per line, blank lines ignored, lines numbered from 1', () => {
    const result = parseBatchText('a cat\r\n\r\n{anme} b\n  \n[5s]x [5s]y\n', opts);
    expect(result.jobs).toHaveLength(2);
    expect(result.rejected).toEqual([
      {
        line: 3,
        code: 'unknown_style',
        raw: '{anme} b',
        reason: 'Unknown style "anme". Did you mean "anime"?',
      },
    ]);
  });

  it('.txt dispatches to paste; other extensions are a clear error', () => {
    expect(parseImport('x.txt', 'a', opts).jobs).toHaveLength(1);
    expect(() => parseImport('x.pdf', 'a', opts)).toThrow('".pdf" files can\'t be imported. Use a .txt');
    expect(() => parseImport('README', 'a', opts)).toThrow(/has no extension/);
  });

  it('CSV without a prompt column rejects line 1', () => {
    const result = parseImport('a.csv', 'text,model\na,b\n', opts);
    expect(result.jobs).toEqual([]);
    expect(result.rejected).toMatchObject([{ line: 1, code: 'bad_header' }]);
  });

  it('CSV: unknown columns warn, semicolons work, stray commas and unclosed quotes reject the row', () => {
    const csv = 'Prompt;Notes;Count\n"a; b";x;2\nc;y\n"open quote;z\n';
    const result = parseImport('a.csv', csv, opts);
    expect(result.warnings).toContainEqual({ line: 1, message: expect.stringMatching(/"Notes" is ignored/) });
    expect(result.jobs.map((j) => 'prompt' in j && j.prompt)).toEqual(['a; b', 'a; b', 'c']);
    expect(result.rejected).toMatchObject([
      { line: 4, code: 'bad_row', reason: expect.stringMatching(/line 4 is never closed/) },
    ]);
    const extra = parseImport('b.csv', 'prompt,model\na, b ,sora2-landscape-10s\n', opts);
    expect(extra.rejected).toMatchObject([{ line: 2, reason: expect.stringMatching(/double quotes/) }]);
  });

  it('a row over the cap (template × count) is rejected with its count', () => {
    const result = parseImport(
      'a.jsonl',
      JSON.stringify({ prompt: '{{a: 1|2|3|4|5|6}} x', count: 100 }),
      opts,
    );
    expect(result.rejected).toMatchObject([
      { line: 1, code: 'template_over_cap', reason: expect.stringMatching(/600 jobs/) },
    ]);
  });

  it('clips long raw rows in reports', () => {
    const result = parseImport(
      'a.jsonl',
      JSON.stringify({ prompt: 'x', image_url: `data:image/gif;base64,${'A'.repeat(5000)}` }),
      opts,
    );
    expect(result.rejected[0]?.raw.length).toBeLessThanOrEqual(301);
  });
});
