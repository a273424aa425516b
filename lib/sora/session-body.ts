import { SoraError } from './errors';
import type { TextResponse } from './http';
import { looksLikeHtml } from './parse';
import { SessionResponseSchema } from './schemas';

/** What a signed-in session body gives us; null means nobody is signed in. */
export interface SessionBody {
  accessToken: string;
  email: string | null;
}

/**
 * Reads `/api/auth/session` (docs/backend-facts.md §2.2): empty body, non-JSON or no `accessToken` ⇒ signed out.
 * A Cloudflare page is the exception: that is a challenge the user must clear (docs/backend-facts.md §7.4).
 */
export function readSessionBody(res: TextResponse): SessionBody | null {
  if (looksLikeHtml(res.text, res.contentType) && /just a moment|challenge-platform/i.test(res.text)) {
    throw new SoraError({
      code: 'challenge',
      message: 'Sora is showing a browser check. Open sora.chatgpt.com in a tab, complete it, then resume.',
      endpoint: 'session',
      status: res.status,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(res.text);
  } catch {
    return null;
  }
  const parsed = SessionResponseSchema.safeParse(value);
  if (!parsed.success || !parsed.data.accessToken) return null;
  return { accessToken: parsed.data.accessToken, email: parsed.data.user?.email ?? null };
}
