import type { parseBatchText } from '@/lib/prompt/import-text';
import { expandTemplate, isTemplate } from '@/lib/prompt/template';
import type { Report } from './import-report';

/** Each non-blank line's prompts (templates expanded) with its line number; bad templates are left to the parser. */
export function pastedItems(text: string): { line: number; text: string }[] {
  return text.split(/\r\n|\r|\n/).flatMap((raw, i) => {
    if (raw.trim() === '') return [];
    if (!isTemplate(raw)) return [{ line: i + 1, text: raw }];
    try {
      return expandTemplate(raw).map((p) => ({ line: i + 1, text: p }));
    } catch {
      return [{ line: i + 1, text: raw }];
    }
  });
}

/** The report a parsed paste or file shows before anything is queued. */
export function preview(source: string, result: ReturnType<typeof parseBatchText>): Report {
  return {
    phase: 'preview',
    source,
    jobs: result.jobs.length + (result.connectionRows ?? []).reduce((n, r) => n + r.count, 0),
    rejected: result.rejected,
    warnings: result.warnings,
    models: [...result.jobs.map((j) => j.model), ...(result.connectionRows ?? []).map((r) => r.model)],
  };
}
