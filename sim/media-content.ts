import { createHash } from 'node:crypto';

// An ISO-BMFF `ftyp` box so sniffers see an MP4 (the rest is a pattern, not playable video).
const FTYP = Buffer.concat([
  Buffer.from([0, 0, 0, 0x20]),
  Buffer.from('ftypisom\0\0\x02\0isomiso2avc1mp41', 'latin1'),
]);
const PERIOD = 8192;

/** Deterministic bytes [start, end) of the `size`-byte file for `seed` (a blob name), so tests can check identity. */
export function mediaContent(seed: string, size: number, start = 0, end = size): Buffer {
  const key = createHash('sha256').update(seed).digest();
  const block = Buffer.alloc(PERIOD);
  for (let i = 0; i < PERIOD; i++) block[i] = (key[i % 32] ?? 0) ^ ((i >>> 5) & 0xff);
  const from = Math.max(0, start);
  const to = Math.min(size, end);
  const out = Buffer.alloc(Math.max(0, to - from));
  for (let pos = from; pos < to; ) {
    const off = pos % PERIOD;
    const n = Math.min(PERIOD - off, to - pos);
    block.copy(out, pos - from, off, off + n);
    pos += n;
  }
  for (let i = from; i < Math.min(to, FTYP.length); i++) out[i - from] = FTYP[i] ?? 0;
  return out;
}

/** A 1×1 PNG served for thumbnails. */
export const THUMBNAIL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
