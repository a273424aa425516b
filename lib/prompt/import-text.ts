import { addRow, emptyResult, type ImportOptions, type ImportResult } from './import-rows';

/** Pasted text or a `.txt` file: one prompt per line, blank lines ignored, line numbers from 1. */
export function parseBatchText(text: string, opts: ImportOptions): ImportResult {
  const result = emptyResult();
  // Multi-line storyboards can't be one-per-line here; the inline form `[5.0s]a [5.0s]b` works.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    addRow(result, { line: i + 1, raw: line, prompt: line }, opts);
  });
  return result;
}
