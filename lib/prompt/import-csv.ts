import Papa from 'papaparse';
import {
  addRow,
  emptyResult,
  type ImportOptions,
  type ImportResult,
  type RowInput,
  rejectRow,
} from './import-rows';

/** The columns a CSV header may name (case-insensitive); only `prompt` is required. */
export const CSV_COLUMNS = ['prompt', 'model', 'style', 'image_url', 'count', 'backend'] as const;
type Column = (typeof CSV_COLUMNS)[number];

const ALIASES: Readonly<Record<string, Column>> = {
  image: 'image_url',
  imageurl: 'image_url',
  'image url': 'image_url',
};

/** The header's delimiter: column names never contain one, so the header line tells (default comma). */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  return [',', ';', '\t'].find((d) => header.includes(d)) ?? ',';
}

/** Maps header cells to known columns, warning about unknown ones; null (and a rejection) if unusable. */
function readHeader(cells: readonly string[], raw: string, result: ImportResult): Map<Column, number> | null {
  const columns = new Map<Column, number>();
  for (const [i, cell] of cells.entries()) {
    const name = cell.trim().toLowerCase();
    const column = (CSV_COLUMNS as readonly string[]).includes(name) ? (name as Column) : ALIASES[name];
    if (column === undefined) {
      if (name !== '')
        result.warnings.push({
          line: 1,
          message: `Column "${cell.trim()}" is ignored; known columns: ${CSV_COLUMNS.join(', ')}.`,
        });
    } else if (columns.has(column)) {
      rejectRow(result, 1, raw, `The header names column "${column}" twice.`, 'bad_header');
      return null;
    } else columns.set(column, i);
  }
  if (!columns.has('prompt')) {
    rejectRow(
      result,
      1,
      raw,
      `Line 1 must be a header naming a "prompt" column (optional: ${CSV_COLUMNS.slice(1).join(', ')}).`,
      'bad_header',
    );
    return null;
  }
  return columns;
}

function toRow(cells: readonly string[], columns: Map<Column, number>, line: number, raw: string): RowInput {
  const get = (c: Column): string | undefined => {
    const i = columns.get(c);
    return i === undefined ? undefined : cells[i];
  };
  return {
    line,
    raw,
    prompt: get('prompt') ?? '',
    model: get('model'),
    style: get('style'),
    imageUrl: get('image_url'),
    count: get('count'),
    backend: get('backend'),
  };
}

interface Header {
  columns: Map<Column, number>;
  width: number;
}

function handleRow(
  cells: string[],
  quoteError: boolean,
  header: Header,
  at: { line: number; raw: string },
  opts: ImportOptions,
  result: ImportResult,
): void {
  const { line, raw } = at;
  if (quoteError) {
    rejectRow(
      result,
      line,
      raw,
      `A quoted field in the row starting on line ${line} is never closed or has a stray quote. Inside quotes, write a quote as "".`,
    );
  } else if (cells.every((c) => c.trim() === '')) {
    return;
  } else if (cells.slice(header.width).some((c) => c.trim() !== '')) {
    // Extra non-empty cells almost always mean an unquoted comma inside the prompt.
    rejectRow(
      result,
      line,
      raw,
      `This row has ${cells.length} fields but the header has ${header.width}; put the prompt in double quotes if it contains commas.`,
    );
  } else {
    addRow(result, toRow(cells, header.columns, line, raw), opts);
  }
}

/** A `.csv` file: line 1 is the header; each row is checked alone and reported by the line it starts on. */
export function parseCsv(text: string, opts: ImportOptions): ImportResult {
  const result = emptyResult();
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let header: Header | null | undefined;
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(src, {
    delimiter: detectDelimiter(src),
    step: (step, parser) => {
      // papaparse reports where each row ends; counting newlines up to there gives the row's first line.
      const end = step.meta.cursor;
      const at = { line, raw: src.slice(start, end).replace(/\n$/, '') };
      for (let i = start; i < end; i++) if (src.charCodeAt(i) === 10) line++;
      start = end;
      if (header === undefined) {
        const columns = readHeader(step.data, at.raw, result);
        header = columns && { columns, width: step.data.length };
        if (header === null) parser.abort();
        return;
      }
      if (header === null) return;
      const quoteError = step.errors.some((e) => e.type === 'Quotes');
      handleRow(step.data, quoteError, header, at, opts, result);
    },
  });
  return result;
}
