import { parseChatContent } from './content';
import { isPromptError, type PromptErrorCode, promptError } from './errors';
import { parseMediaUrl } from './media';
import { type ParseResult, parsePrompt } from './parse';
import type { JobRequest } from './request';
import type { StyleLists } from './styles';
import { DEFAULT_TEMPLATE_CAP, expandTemplate, isTemplate } from './template';

/** Options for batch import: the default model for rows that name none, and the style lists. */
export interface ImportOptions {
  model: string;
  styles: StyleLists;
  /** Most jobs one row may make (template values × count); default 500. */
  cap?: number;
  /** The connection rows run on when they name none (the one picked in the batch view); the Sora session when absent. */
  backend?: string;
}

/** A row that was not imported: its line in the file, why, and (a clip of) its text. */
export interface RejectedRow {
  line: number;
  reason: string;
  raw: string;
  code: PromptErrorCode;
}

/** A note about a row that was imported anyway. */
export interface ImportWarning {
  line: number;
  message: string;
}

/** Good rows become jobs, bad rows are reported; one never blocks the other. */
export interface ImportResult {
  jobs: JobRequest[];
  /** Rows for connections other than the Sora session, in file order. */
  connectionRows: ConnectionRow[];
  /** The file line each job came from (parallel to `jobs`), for reports made after parsing. */
  lines: number[];
  rejected: RejectedRow[];
  warnings: ImportWarning[];
}

/** One row as the format readers hand it over: either prompt text or chat `content`. */
export interface RowInput {
  line: number;
  raw: string;
  prompt?: string;
  content?: unknown;
  model?: string | undefined;
  style?: string | undefined;
  imageUrl?: string | undefined;
  count?: unknown;
  /** A connection's id or name (`sora`, or empty, for the Sora session). */
  backend?: string | undefined;
}

/**
 * A row that names another connection: not read in the Sora prompt language (that connection takes
 * plain prompts and its own models); the background maps it against the connection.
 */
export interface ConnectionRow {
  line: number;
  raw: string;
  backend: string;
  text: string;
  model: string;
  imageUrl: string | null;
  count: number;
}

/** Most copies one row may ask for with `count`. */
export const MAX_COUNT = 100;
const RAW_CLIP = 300;

/** An empty import result to fill. */
export function emptyResult(): ImportResult {
  return { jobs: [], connectionRows: [], lines: [], rejected: [], warnings: [] };
}

/** Row text for reports, clipped: rows may carry megabytes of base64. */
export function clipRaw(raw: string): string {
  return raw.length > RAW_CLIP ? `${raw.slice(0, RAW_CLIP)}…` : raw;
}

function parseCount(value: unknown): number {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return 1;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n < 1 || n > MAX_COUNT) {
    throw promptError(
      'bad_count',
      `count must be a whole number from 1 to ${MAX_COUNT}, not "${String(value)}".`,
    );
  }
  return n;
}

function parseRow(row: RowInput, opts: ImportOptions, count: number): ParseResult[] {
  const model = row.model?.trim() || opts.model;
  const styles = opts.styles;
  const style = row.style?.trim() || null;
  if (row.content !== undefined && typeof row.content !== 'string') {
    if (style) throw promptError('bad_row', 'Put the style in the text as {style} for chat-format rows.');
    return [parseChatContent(row.content, { model, styles })];
  }
  const text = typeof row.content === 'string' ? row.content : (row.prompt ?? '');
  const images = row.imageUrl?.trim() ? [parseMediaUrl(row.imageUrl, 'image')] : [];
  const cap = opts.cap ?? DEFAULT_TEMPLATE_CAP;
  const prompts = isTemplate(text) ? expandTemplate(text, { cap }) : [text];
  if (prompts.length * count > cap) {
    throw promptError(
      'template_over_cap',
      `This row makes ${prompts.length * count} jobs (${prompts.length} prompts × count ${count}); the limit is ${cap}. Lower the count or remove template values.`,
      { count: prompts.length * count, cap },
    );
  }
  return prompts.map((p) => parsePrompt(p, { model, styles, images, style }));
}

function rowJobs(row: RowInput, opts: ImportOptions): { jobs: JobRequest[]; warnings: string[] } {
  const count = parseCount(row.count);
  const results = parseRow(row, opts, count);
  const jobs: JobRequest[] = [];
  const warnings = new Set<string>();
  for (const [i, result] of results.entries()) {
    if (!result.ok) {
      if (results.length === 1) throw result.error;
      throw promptError(
        result.error.code,
        `Template prompt ${i + 1} of ${results.length}: ${result.error.message}`,
      );
    }
    for (const w of result.warnings) warnings.add(w);
    for (let c = 0; c < count; c++) jobs.push(c === 0 ? result.request : { ...result.request });
  }
  return { jobs, warnings: [...warnings] };
}

/** Parses one row into the result: its jobs and warnings, or one rejection. */
export function addRow(result: ImportResult, row: RowInput, opts: ImportOptions): void {
  const backend = row.backend?.trim() || opts.backend?.trim() || '';
  try {
    if (backend !== '' && backend.toLowerCase() !== 'sora') {
      const text = typeof row.content === 'string' ? row.content : (row.prompt ?? '');
      result.connectionRows.push({
        line: row.line,
        raw: clipRaw(row.raw),
        backend,
        text,
        model: row.model?.trim() ?? '',
        imageUrl: row.imageUrl?.trim() || null,
        count: parseCount(row.count),
      });
      return;
    }
    const { jobs, warnings } = rowJobs(row, opts);
    result.jobs.push(...jobs);
    result.lines.push(...jobs.map(() => row.line));
    for (const message of warnings) result.warnings.push({ line: row.line, message });
  } catch (error) {
    if (!isPromptError(error)) throw error;
    result.rejected.push({ line: row.line, reason: error.message, raw: clipRaw(row.raw), code: error.code });
  }
}

/** Records a row that failed before parsing (bad JSON, bad quoting…). */
export function rejectRow(
  result: ImportResult,
  line: number,
  raw: string,
  reason: string,
  code: PromptErrorCode = 'bad_row',
): void {
  result.rejected.push({ line, reason, raw: clipRaw(raw), code });
}
