import { parseImport } from '../lib/prompt';

const ROWS = 10_000;
const OPTS = { model: 'sora2-landscape-10s', styles: { live: ['anime', 'retro', 'news'] } } as const;

function rowPrompt(i: number): string {
  if (i % 9 === 0) return `[5.0s]Shot ${i} opens [5.0s]and closes`;
  if (i % 5 === 0) return `{anime}A kitten number ${i}, running`;
  return `A kitten number ${i} running across a meadow`;
}

function csvText(): string {
  const lines = ['prompt,model,style,count'];
  for (let i = 0; i < ROWS; i++)
    lines.push(`"${rowPrompt(i).replace(/"/g, '""')}",${i % 3 === 0 ? 'sora2-portrait-15s' : ''},,1`);
  return lines.join('\n');
}

function jsonlText(): string {
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      i % 2 === 0
        ? JSON.stringify({ prompt: rowPrompt(i), model: 'sora2-landscape-15s' })
        : JSON.stringify({
            model: 'sora2-landscape-10s',
            messages: [{ role: 'user', content: rowPrompt(i) }],
            stream: true,
          }),
    );
  }
  return lines.join('\n');
}

function time(run: () => number): number {
  const start = performance.now();
  const jobs = run();
  const ms = performance.now() - start;
  if (jobs !== ROWS) throw new Error(`expected ${ROWS} jobs, got ${jobs}`);
  return ms;
}

/** Parses 10,000 CSV rows and 10,000 JSONL rows (prompt language only: no I/O) and reports the times. */
export async function benchPromptParse(): Promise<{ name: string; value: number; unit: string }[]> {
  const csv = csvText();
  const jsonl = jsonlText();
  time(() => parseImport('warmup.csv', csv, OPTS).jobs.length);
  const csvMs = time(() => parseImport('bench.csv', csv, OPTS).jobs.length);
  const jsonlMs = time(() => parseImport('bench.jsonl', jsonl, OPTS).jobs.length);
  return [
    { name: 'prompt-parse: 10k CSV rows', value: Math.round(csvMs * 10) / 10, unit: 'ms' },
    { name: 'prompt-parse: 10k JSONL rows', value: Math.round(jsonlMs * 10) / 10, unit: 'ms' },
  ];
}
