import { createHash } from 'node:crypto';
import type { Route, SimContext } from '../context';
import type { Reply, SimRequest } from '../http';
import { mediaContent, THUMBNAIL_PNG } from '../media-content';
import { checkMediaSignature, parseBlobName } from '../media-url';

/** Azure Blob style XML error (docs/backend-facts.md §6.1: media is Azure Blob behind a SAS). */
function azureError(status: number, code: string, message: string, detail?: string): Reply {
  const xml =
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\n` +
    `RequestId:sim-${Date.now().toString(16)}\nTime:${new Date().toISOString()}</Message>` +
    (detail ? `<AuthenticationErrorDetail>${detail}</AuthenticationErrorDetail>` : '') +
    '</Error>';
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code },
    body: Buffer.from(xml),
  };
}

/** Parses a single `bytes=a-b` range; null = serve the whole file; 'unsatisfiable' = 416. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // absent, malformed or multi-range: whole file
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Serves the bytes of one blob, honouring Range/If-Range so Chrome can resume downloads. */
function serveBytes(
  req: SimRequest,
  blob: string,
  bytes: (start: number, end: number) => Buffer,
  size: number,
  type: string,
): Reply {
  const etag = `"0x8D${createHash('sha256').update(blob).digest('hex').slice(0, 13).toUpperCase()}"`;
  const base = {
    'content-type': type,
    'accept-ranges': 'bytes',
    etag,
    'last-modified': 'Mon, 30 Mar 2026 12:00:00 GMT',
    'x-ms-blob-type': 'BlockBlob',
  };
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    return {
      ...azureError(
        416,
        'InvalidRange',
        'The range specified is invalid for the current size of the resource.',
      ),
      headers: { ...base, 'content-range': `bytes */${size}` },
    };
  }
  if (!range)
    return { status: 200, headers: { ...base, 'content-length': String(size) }, body: bytes(0, size) };
  const body = bytes(range.start, range.end + 1);
  return {
    status: 206,
    headers: {
      ...base,
      'content-length': String(body.length),
      'content-range': `bytes ${range.start}-${range.end}/${size}`,
    },
    body,
  };
}

/** docs/backend-facts.md §6.1/§6.3: pre-signed GET, no auth headers; bad or expired SAS → 403 AuthenticationFailed. */
const media = (req: SimRequest, ctx: SimContext, [encoded]: string[]): Reply => {
  let blob: string;
  try {
    blob = decodeURIComponent(encoded ?? '');
  } catch {
    return azureError(400, 'InvalidUri', 'The requested URI does not represent any resource on the server.');
  }
  const now = ctx.now();
  const failure = checkMediaSignature(ctx.secret, blob, req.query, now);
  if (failure) {
    return azureError(
      403,
      'AuthenticationFailed',
      'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
      failure,
    );
  }
  const parsed = parseBlobName(blob);
  const task = parsed ? ctx.tasks.byMediaId(parsed.mediaId, now) : undefined;
  // Uploaded files and cameo profile images are images, served like thumbnails (docs/backend-facts.md §4.4, §4.9).
  const image =
    parsed?.variant === 'thumbnail' &&
    (ctx.media.ownsMedia(parsed.mediaId) || ctx.library.ownsMedia(parsed.mediaId));
  if (!parsed || (!task && !image))
    return azureError(404, 'BlobNotFound', 'The specified blob does not exist.');
  if (parsed.variant === 'thumbnail') {
    return serveBytes(req, blob, (s, e) => THUMBNAIL_PNG.subarray(s, e), THUMBNAIL_PNG.length, 'image/png');
  }
  const size = ctx.settings().mediaBytes;
  return serveBytes(req, blob, (s, e) => mediaContent(blob, size, s, e), size, 'video/mp4');
};

/** videos.openai.com routes. */
export const mediaRoutes: Route[] = [
  { host: 'videos.openai.com', method: 'GET', path: /^\/az\/files\/(.+)$/, handler: media },
];
