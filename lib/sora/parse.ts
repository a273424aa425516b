import { z } from 'zod/mini';
import { SoraError } from './errors';

/** docs/backend-facts.md §7.4: HTML where JSON belongs is a challenge or login page, never data. */
export function looksLikeHtml(text: string, contentType: string | null): boolean {
  return (contentType ?? '').includes('text/html') || /^\s*</.test(text);
}

/** Parses a 2xx body with `schema`; the error names the endpoint and the first failing field. */
export function parseJsonBody<T extends z.core.$ZodType>(
  endpoint: string,
  res: { status: number; contentType: string | null; text: string },
  schema: T,
): z.output<T> {
  if (looksLikeHtml(res.text, res.contentType)) {
    throw new SoraError({
      code: 'challenge',
      message: 'Sora answered with a web page instead of data. Open sora.chatgpt.com in a tab, then resume.',
      endpoint,
      status: res.status,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(res.text);
  } catch {
    throw new SoraError({
      code: 'bad_response',
      message: `${endpoint} answered with something that is not JSON.`,
      endpoint,
      status: res.status,
    });
  }
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new SoraError({
      code: 'bad_response',
      message: `${endpoint} answered in an unexpected shape${where}: ${issue?.message ?? 'invalid'}.`,
      endpoint,
      status: res.status,
    });
  }
  return parsed.data;
}
