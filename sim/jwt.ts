import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims the sim puts into access tokens. */
export interface SimJwtClaims {
  [claim: string]: unknown;
  exp: number;
  iat: number;
  jti: string;
  sid: string;
}

const b64url = (v: string | Buffer): string => Buffer.from(v).toString('base64url');

/** Signs claims as an HS256 JWT (header.payload.signature, base64url). */
export function signJwt(claims: SimJwtClaims, secret: Buffer): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Returns the claims when the signature is ours and the shape is right; null otherwise (expiry is checked by the caller). */
export function verifyJwt(token: string, secret: Buffer): SimJwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [head, body, sig] = parts as [string, string, string];
  const want = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!isClaims(claims)) return null;
    return claims;
  } catch {
    return null;
  }
}

function isClaims(v: unknown): v is SimJwtClaims {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.exp === 'number' && typeof o.jti === 'string' && typeof o.sid === 'string';
}

/** Decodes a JWT payload without verifying it (what an extension does to read `exp`). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const body = token.split('.')[1];
  if (!body) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
