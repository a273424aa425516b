import Papa from 'papaparse';
import type { SoraDb } from '../db/schema';
import { unsupportedReason } from '../pipeline/spec';
import { escapeText } from '../prompt/escape';
import { parseImport } from '../prompt/import';
import type { ImportOptions, ImportResult, ImportWarning, RejectedRow } from '../prompt/import-rows';
import type { JobRequest } from '../prompt/request';
import { storyboardSource } from '../prompt/storyboard';
import { enqueue } from './enqueue';

/** What an import did: the queued jobs' ids, every rejected row with its line, and warnings. */
export interface ImportOutcome {
  ids: string[];
  rejected: RejectedRow[];
  warnings: ImportWarning[];
}

/** Prompt-language text that parses back to `request` (video requests; other kinds are not queued yet). */
export function sourceText(request: JobRequest): string {
  if (request.kind !== 'video') return request.kind === 'character' ? '' : escapeText(request.prompt);
  const body = request.storyboard
    ? storyboardSource(request.storyboard.shots, request.storyboard.instructions)
    : escapeText(request.prompt);
  const style = request.styleId ? `{${request.styleId}} ` : '';
  const remix = request.remixTargetId ? ` ${request.remixTargetId}` : '';
  return `${style}${body}${remix}`;
}

/** One row of a file (a line, or a CSV record with its header) and the line it starts on. */
interface Chunk {
  line: number;
  text: string;
}

function lineChunks(text: string): Chunk[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .flatMap((line, i) => (line.trim() === '' ? [] : [{ line: i + 1, text: line }]));
}

function csvChunks(text: string): Chunk[] {
  const clean = text.replace(/^\uFEFF/, '');
  const headerEnd = clean.search(/\r?\n/);
  if (headerEnd < 0) return [];
  const header = clean.slice(0, headerEnd);
  const chunks: Chunk[] = [];
  let start = 0;
  Papa.parse<string[]>(clean, {
    step: (row) => {
      const end = row.meta.cursor;
      const record = clean.slice(start, end);
      const line = (clean.slice(0, start).match(/\n/g)?.length ?? 0) + 1;
      if (start > 0 && record.trim() !== '') chunks.push({ line, text: `${header}\n${record}` });
      start = end;
    },
  });
  return chunks;
}

/** Parses row by row so that every job knows its line (needed to report a row the queue cannot run). */
function parseByRow(
  fileName: string,
  text: string,
  opts: ImportOptions,
): { result: ImportResult; lines: number[] } {
  const csv = /\.csv$/i.test(fileName.trim());
  const result: ImportResult = { jobs: [], rejected: [], warnings: [] };
  const lines: number[] = [];
  const shift = (line: number, chunk: Chunk): number => chunk.line + line - (csv ? 2 : 1);
  for (const chunk of csv ? csvChunks(text) : lineChunks(text)) {
    const part = parseImport(fileName, chunk.text, opts);
    result.jobs.push(...part.jobs);
    lines.push(...part.jobs.map(() => chunk.line));
    result.rejected.push(...part.rejected.map((r) => ({ ...r, line: shift(r.line, chunk) })));
    result.warnings.push(...part.warnings.map((w) => ({ ...w, line: shift(w.line, chunk) })));
  }
  return { result, lines };
}

/**
 * Imports a file: the background re-parses it (the UI's preview is advisory), queues every good row
 * as one batch and reports each bad row with its line. One bad row never blocks the good ones.
 */
export async function importFile(
  db: SoraDb,
  params: { fileName: string; text: string; model: string },
  env: { now: number; styles: ImportOptions['styles'] },
): Promise<ImportOutcome> {
  const opts = { model: params.model, styles: env.styles };
  const whole = parseImport(params.fileName, params.text, opts);
  const runnable = whole.jobs.every((job) => unsupportedReason(job) === null);
  const { result, lines } = runnable
    ? { result: whole, lines: [] as number[] }
    : parseByRow(params.fileName, params.text, opts);
  const rejected = [...result.rejected];
  const queued: { line: number; request: JobRequest }[] = [];
  result.jobs.forEach((request, i) => {
    const reason = unsupportedReason(request);
    const line = lines[i] ?? 0;
    if (reason)
      rejected.push({
        line,
        reason,
        raw: request.kind === 'character' ? '' : request.prompt.slice(0, 300),
        code: 'unsupported_for_model',
      });
    else queued.push({ line, request });
  });
  if (queued.length === 0) return { ids: [], rejected: sortByLine(rejected), warnings: result.warnings };
  const items = queued.map((q) => ({ text: sourceText(q.request), model: q.request.model }));
  const added = await enqueue(db, { items, source: 'import', batchName: params.fileName.slice(0, 200) }, env);
  for (const r of added.rejected) {
    const item = queued[r.index];
    rejected.push({
      line: item?.line ?? 0,
      reason: r.message,
      raw: items[r.index]?.text.slice(0, 300) ?? '',
      code: 'bad_row',
    });
  }
  return { ids: added.ids, rejected: sortByLine(rejected), warnings: result.warnings };
}

function sortByLine(rows: RejectedRow[]): RejectedRow[] {
  return rows.sort((a, b) => a.line - b.line);
}
