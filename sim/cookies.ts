/** Name of the NextAuth session cookie (docs/backend-facts.md §2.1). */
export const SESSION_COOKIE = '__Secure-next-auth.session-token';
/** Device id cookie, readable from document.cookie (docs/backend-facts.md §2.1). */
export const DEVICE_COOKIE = 'oai-did';

const DAY_MS = 86_400_000;

/** Set-Cookie for the session (HttpOnly; SameSite=Lax as in docs/chromium-e2e.md §2.1); ~3 months (docs/backend-facts.md §2.1). */
export function sessionCookie(value: string, now: number): string {
  const expires = new Date(now + 90 * DAY_MS).toUTCString();
  return `${SESSION_COOKIE}=${value}; Domain=.chatgpt.com; Path=/; Expires=${expires}; Secure; HttpOnly; SameSite=Lax`;
}

/** Set-Cookie that deletes the session cookie. */
export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Domain=.chatgpt.com; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; SameSite=Lax`;
}

/** Set-Cookie for the device id: not HttpOnly so page scripts (SentinelSDK) can read it (docs/backend-facts.md §2.1). */
export function deviceCookie(value: string, now: number): string {
  const expires = new Date(now + 365 * DAY_MS).toUTCString();
  return `${DEVICE_COOKIE}=${value}; Domain=.chatgpt.com; Path=/; Expires=${expires}; Secure; SameSite=Lax`;
}
