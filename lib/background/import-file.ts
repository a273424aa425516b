import type { Connection } from '../connections/schema';
import type { SoraDb } from '../db/schema';
import { errorMessage } from '../errors';
import { escapeText } from '../prompt/escape';
import { parseImport } from '../prompt/import';
import type { ImportOptions, ImportWarning, RejectedRow } from '../prompt/import-rows';
import { parseMediaUrl } from '../prompt/media';
import type { JobRequest } from '../prompt/request';
import { storyboardSource } from '../prompt/storyboard';
import { connectionRequest } from './connection-request';
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
  params: {
    fileName: string;
    text: string;
    model: string;
    backend?: string;
    params?: Readonly<Record<string, string>>;
  },
  env: {
    now: number;
    styles: ImportOptions['styles'];
    plan?: string | null;
    connections?: readonly Connection[];
  },
): Promise<ImportOutcome> {
  const parsed = parseImport(params.fileName, params.text, {
    model: params.model,
    styles: env.styles,
    ...(params.backend ? { backend: params.backend } : {}),
  });
  // `count` is already expanded by the parser: one entry per job.
  const entries: Entry[] = parsed.jobs.map((request) => ({
    input: { text: sourceText(request), model: request.model },
    request,
    count: 1,
  }));
  const lines = [...parsed.lines];
  const early: RejectedRow[] = [];
  // Rows naming another connection (by id or name) are mapped against it, each on its own.
  for (const row of parsed.connectionRows) {
    const wanted = row.backend.toLowerCase();
    const connection = env.connections?.find((c) => c.id === row.backend || c.name.toLowerCase() === wanted);
    const reject = (reason: string) => early.push({ line: row.line, reason, raw: row.raw, code: 'bad_row' });
    if (!connection) {
      reject(
        `No connection is called "${row.backend}"; add it on the options page or fix the backend column.`,
      );
      continue;
    }
    let images: ReturnType<typeof parseMediaUrl>[] = [];
    try {
      images = row.imageUrl ? [parseMediaUrl(row.imageUrl, 'image')] : [];
    } catch (error) {
      reject(errorMessage(error));
      continue;
    }
    const fromPicker = connection.id === params.backend;
    const made = connectionRequest(
      {
        text: row.text,
        model: row.model || (fromPicker ? params.model : ''),
        images,
        ...(fromPicker && params.params ? { params: { ...params.params } } : {}),
      },
      connection,
    );
    if (!made.ok) {
      reject(made.message);
      continue;
    }
    for (let c = 0; c < row.count; c++) {
      entries.push({
        input: { text: row.text, model: made.request.model, backendId: connection.id },
        request: made.request,
        count: 1,
      });
      lines.push(row.line);
    }
  }
  const queued = await queueEntries(db, entries, {
    now: env.now,
    plan: env.plan ?? null,
    source: 'import',
    batchName: params.fileName.slice(0, 200),
  });
  const rejected: RejectedRow[] = [
    ...parsed.rejected,
    ...early,
    ...queued.rejected.map((r) => ({
      line: lines[r.index] ?? 0,
      reason: r.message,
      raw: entries[r.index]?.input.text.slice(0, 300) ?? '',
      code: 'bad_row' as const,
    })),
  ];
  return { ids: queued.ids, rejected: rejected.sort((a, b) => a.line - b.line), warnings: parsed.warnings };
}
