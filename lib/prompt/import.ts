import { promptError } from './errors';
import { parseCsv } from './import-csv';
import { parseJsonl } from './import-jsonl';
import type { ImportOptions, ImportResult } from './import-rows';
import { parseBatchText } from './import-text';

/** File extensions {@link parseImport} understands. */
export const IMPORT_EXTENSIONS = ['.txt', '.csv', '.jsonl'] as const;

/** Imports a file by its extension; throws `unsupported_file` for any other kind (nothing is imported). */
export function parseImport(fileName: string, text: string, opts: ImportOptions): ImportResult {
  const ext = /\.[^./\\]+$/.exec(fileName.trim())?.[0]?.toLowerCase() ?? '';
  if (ext === '.txt') return parseBatchText(text, opts);
  if (ext === '.csv') return parseCsv(text, opts);
  if (ext === '.jsonl' || ext === '.ndjson') return parseJsonl(text, opts);
  const what = ext === '' ? `"${fileName}" has no extension` : `"${ext}" files can't be imported`;
  throw promptError(
    'unsupported_file',
    `${what}. Use a .txt (one prompt per line), .csv (with a "prompt" header) or .jsonl file.`,
  );
}
