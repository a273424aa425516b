import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Which file of a generation a blob is (docs/backend-facts.md §6.1 URL shapes). */
export type BlobVariant = 'source' | 'md' | 'thumbnail';

/** Blob name inside the container, e.g. `<uuid>/raw` (docs/backend-facts.md §6.1). */
export function blobName(mediaId: string, variant: BlobVariant): string {
  if (variant === 'source') return `${mediaId}/raw`;
  if (variant === 'thumbnail') return `${mediaId}/drvs/thumbnail/raw`;
  const hash = createHash('sha256').update(mediaId).digest('hex').slice(0, 32);
  return `${hash}_${mediaId}/drvs/md/raw`;
}

/** Splits a blob name back into media id and variant. */
export function parseBlobName(name: string): { mediaId: string; variant: BlobVariant } | null {
  const m = /^(?:[0-9a-f]+_)?([0-9a-f-]{36})\/(raw|drvs\/thumbnail\/raw|drvs\/md\/raw)$/.exec(name);
  if (!m?.[1]) return null;
  const variant: BlobVariant = m[2] === 'raw' ? 'source' : m[2] === 'drvs/md/raw' ? 'md' : 'thumbnail';
  return { mediaId: m[1], variant };
}

const sign = (secret: Buffer, blob: string, se: string, sp: string): string =>
  createHmac('sha256', secret).update(`${blob}\n${se}\n${sp}`).digest('base64');

/**
 * A freshly signed Azure-SAS-like URL (docs/backend-facts.md §6.1/§6.3): `/az/files/<blob with %2F>?se=…&sp=r&sv=…&sr=b&skoid=…&sig=…`.
 * `se` keeps milliseconds so tests can use short lifetimes.
 */
export function signedMediaUrl(secret: Buffer, blob: string, ttlMs: number, now: number): string {
  const se = new Date(now + ttlMs).toISOString();
  const q = new URLSearchParams({
    se,
    sp: 'r',
    sv: '2024-08-04',
    sr: 'b',
    skoid: 'a1b2c3d4-sim0-4000-8000-000000000000',
  });
  q.set('sig', sign(secret, blob, se, 'r'));
  return `https://videos.openai.com/az/files/${encodeURIComponent(blob)}?${q.toString()}`;
}

/** Checks `sig` and `se` of a media request; returns a failure reason or null. */
export function checkMediaSignature(
  secret: Buffer,
  blob: string,
  query: Record<string, string>,
  now: number,
): string | null {
  const { se, sp, sig } = query;
  if (!se || !sp || !sig) return 'Signature fields not well formed.';
  const want = Buffer.from(sign(secret, blob, se, sp), 'base64');
  const got = Buffer.from(sig, 'base64');
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    return 'Signature did not match. String to sign used was r';
  }
  const expiry = Date.parse(se);
  if (Number.isNaN(expiry) || now > expiry)
    return `Signed expiry time [${se}] must be after signed start time`;
  return null;
}
