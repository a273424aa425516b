import type { SoraDb } from '../db/schema';
import { escapeText } from '../prompt/escape';
import { parseImport } from '../prompt/import';
import type { ImportOptions, ImportWarning, RejectedRow } from '../prompt/import-rows';
import type { JobRequest } from '../prompt/request';
import { storyboardSource } from '../prompt/storyboard';
import { type Entry, queueEntries } from './enqueue';

/** What an import did: the queued jobs' ids, every rejected row with its line, and warnings. */
export interface ImportOutcome {
  ids: string[];
  rejected: RejectedRow[];
  warnings: ImportWarning[];
}

/** Prompt-language text that parses back to `request`: what an imported job shows and can be edited as. */
export function sourceText(request: JobRequest): string {
  if (request.kind !== 'video') return request.kind === 'character' ? '' : escapeText(request.prompt);
  const body = request.storyboard
    ? storyboardSource(request.storyboard.shots, request.storyboard.instructions)
    : escapeText(request.prompt);
  const style = request.styleId ? `{${request.styleId}} ` : '';
  const remix = request.remixTargetId ? ` ${request.remixTargetId}` : '';
  return `${style}${body}${remix}`;
}

/**
 * Imports a file: the background parses it again (the UI's preview is advisory), queues every good
 * row as one batch — images and counts included — and reports each bad row with its file line.
 * One bad row never blocks the good ones.
 */
export async function importFile(
  db: SoraDb,
  params: { fileName: string; text: string; model: string },
  env: { now: number; styles: ImportOptions['styles']; plan?: string | null },
): Promise<ImportOutcome> {
  const parsed = parseImport(params.fileName, params.text, { model: params.model, styles: env.styles });
  // `count` is already expanded by the parser: one entry per job.
  const entries: Entry[] = parsed.jobs.map((request) => ({
    input: { text: sourceText(request), model: request.model },
    request,
    count: 1,
  }));
  const queued = await queueEntries(db, entries, {
    now: env.now,
    plan: env.plan ?? null,
    source: 'import',
    batchName: params.fileName.slice(0, 200),
  });
  const rejected: RejectedRow[] = [
    ...parsed.rejected,
    ...queued.rejected.map((r) => ({
      line: parsed.lines[r.index] ?? 0,
      reason: r.message,
      raw: entries[r.index]?.input.text.slice(0, 300) ?? '',
      code: 'bad_row' as const,
    })),
  ];
  return { ids: queued.ids, rejected: rejected.sort((a, b) => a.line - b.line), warnings: parsed.warnings };
}
