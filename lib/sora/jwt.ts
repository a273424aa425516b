import { z } from 'zod/mini';

const ClaimsSchema = z.looseObject({ exp: z.number() });

/** Reads the `exp` claim (ms since epoch) of a JWT without verifying it; null when unreadable. */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = ClaimsSchema.safeParse(JSON.parse(json));
    return claims.success ? claims.data.exp * 1000 : null;
  } catch {
    return null;
  }
}
