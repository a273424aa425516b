import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SignedInClient, signInClient } from './helpers';
import { mediaContent } from './media-content';
import { blobName } from './media-url';
import { startSim } from './server';
import { createVideo, getJson, waitFor } from './test-utils';
import type { Sim } from './types';

let sim: Sim;
let c: SignedInClient;
beforeEach(async () => {
  sim = await startSim({ renderMs: 50, mediaBytes: 20_000 });
  c = await signInClient(sim);
});
afterEach(() => sim.close());

interface Draft {
  task_id: string;
  downloadable_url: string;
  url: string;
  encodings: { thumbnail: { path: string } };
}
async function finishedDraft(): Promise<Draft> {
  const { id } = (await (await createVideo(c)).json()) as { id: string };
  return waitFor(async () =>
    (await getJson<{ items: Draft[] }>(c, '/backend/project_y/profile/drafts/v2?limit=15')).body.items.find(
      (d) => d.task_id === id,
    ),
  );
}
const expected = (draft: Draft, size = 20_000) => {
  const t = sim.tasks().find((x) => x.id === draft.task_id)!;
  return mediaContent(blobName(t.mediaId, 'source'), size);
};

describe('media on videos.openai.com (docs/backend-facts.md §6)', () => {
  it('serves mediaBytes of deterministic video/mp4 without auth headers, per-file content', async () => {
    const a = await finishedDraft();
    const b = await finishedDraft();
    const res = await c.f(a.downloadable_url, { credentials: 'omit' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe('20000');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(expected(a))).toBe(true);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const other = Buffer.from(await (await c.f(b.downloadable_url)).arrayBuffer());
    expect(other.equals(bytes)).toBe(false);
    // The medium-quality `url` is a different, also valid, file.
    expect((await c.f(a.url)).status).toBe(200);
  });

  it('honours Range with 206, open-ended and suffix ranges, and 416 beyond the end', async () => {
    const d = await finishedDraft();
    const full = expected(d);
    const part = await c.f(d.downloadable_url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/20000');
    expect(Buffer.from(await part.arrayBuffer()).equals(full.subarray(100, 200))).toBe(true);
    const tail = await c.f(d.downloadable_url, { headers: { range: 'bytes=19000-' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(full.subarray(19000))).toBe(true);
    const suffix = await c.f(d.downloadable_url, { headers: { range: 'bytes=-10' } });
    expect(suffix.headers.get('content-range')).toBe('bytes 19990-19999/20000');
    const beyond = await c.f(d.downloadable_url, { headers: { range: 'bytes=20000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */20000');
  });

  it('403 AuthenticationFailed XML for a tampered signature or a wrong blob', async () => {
    const d = await finishedDraft();
    const u = new URL(d.downloadable_url);
    u.searchParams.set('sig', Buffer.alloc(32, 1).toString('base64'));
    const res = await c.f(u);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/xml');
    expect(await res.text()).toContain('<Code>AuthenticationFailed</Code>');
    const moved = d.downloadable_url.replace(
      /\/az\/files\/[0-9a-f]/,
      (m) => `${m.slice(0, -1)}${m.endsWith('0') ? '1' : '0'}`,
    );
    expect((await c.f(moved)).status).toBe(403);
    const unsigned = d.downloadable_url.split('?')[0]!;
    expect((await c.f(unsigned)).status).toBe(403);
  });

  it('expired URLs get 403; a fresh draft read gives a working URL again', async () => {
    sim.set({ mediaUrlTtlMs: 100 });
    const d = await finishedDraft();
    await new Promise((r) => setTimeout(r, 150));
    const res = await c.f(d.downloadable_url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('AuthenticationFailed');
    const fresh = (await getJson<{ items: Draft[] }>(c, '/backend/project_y/profile/drafts/v2')).body
      .items[0]!;
    expect((await c.f(fresh.downloadable_url)).status).toBe(200);
  });

  it('thumbnails are a valid PNG', async () => {
    const d = await finishedDraft();
    const res = await c.f(d.encodings.thumbnail.path);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      true,
    );
  });

  it('a truncate fault sends the full Content-Length then cuts the body', async () => {
    const d = await finishedDraft();
    sim.faults.inject({
      host: 'videos.openai.com',
      path: '/az/files/*',
      action: { kind: 'truncate', afterBytes: 5000 },
    });
    const res = await c.f(d.downloadable_url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('20000');
    await expect(res.arrayBuffer()).rejects.toThrow();
    // Resume with Range after the cut gets the rest.
    const rest = await c.f(d.downloadable_url, { headers: { range: 'bytes=5000-' } });
    expect(Buffer.from(await rest.arrayBuffer()).equals(expected(d).subarray(5000))).toBe(true);
    expect(sim.log.filter({ host: 'videos.openai.com' })[0]?.fault).toBe('truncate');
    // The log tells the cut answer from the whole one (the resilience e2e counts whole serves).
    await vi.waitFor(() =>
      expect(sim.log.filter({ host: 'videos.openai.com' }).map((e) => e.delivered)).toEqual(['cut', 'whole']),
    );
  });
});
