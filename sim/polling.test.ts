import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SignedInClient, signInClient } from './helpers';
import { startSim } from './server';
import { createVideo, getJson, waitFor } from './test-utils';
import type { Sim } from './types';

let sim: Sim;
let c: SignedInClient;
beforeEach(async () => {
  sim = await startSim({ renderMs: 120, concurrencyCap: 50 });
  c = await signInClient(sim);
});
afterEach(() => sim.close());

interface PendingItem {
  id: string;
  status: string;
  progress_pct: number | null;
  task_type: string;
  creation_config: Record<string, unknown>;
}
interface Draft {
  id: string;
  task_id: string;
  kind: string;
  url: string | null;
  downloadable_url: string | null;
  download_urls: { watermark: string | null; no_watermark: null };
  reason_str: string | null;
  created_at: number;
  encodings: Record<string, { path: string }>;
  width: number;
  height: number;
  duration_s: number;
}
const pending = async (path = '/backend/nf/pending/v2') => (await getJson<PendingItem[]>(c, path)).body;
const drafts = async (q = 'limit=15') =>
  (await getJson<{ items: Draft[]; cursor: string | null }>(c, `/backend/project_y/profile/drafts/v2?${q}`))
    .body;
const create = async (over: Record<string, unknown> = {}) =>
  ((await (await createVideo(c, over)).json()) as { id: string }).id;

describe('pending (docs/backend-facts.md §5.1)', () => {
  it('walks preprocessing → queued → running → processing, with null progress early, then disappears', async () => {
    sim.set({ renderMs: 700 });
    const id = await create();
    const seen: PendingItem[] = [];
    await waitFor(
      async () => {
        const item = (await pending()).find((t) => t.id === id);
        if (item) seen.push(item);
        return !item;
      },
      3000,
      15,
    );
    const order = [...new Set(seen.map((s) => s.status))];
    expect(order).toEqual(['preprocessing', 'queued', 'running', 'processing']);
    for (const s of seen) {
      if (s.status === 'preprocessing' || s.status === 'queued') expect(s.progress_pct).toBeNull();
      if (s.status === 'running') {
        expect(s.progress_pct).toBeGreaterThanOrEqual(0);
        expect(s.progress_pct).toBeLessThan(1);
      }
      if (s.status === 'processing') expect(s.progress_pct).toBe(1);
    }
    const running = seen.filter((s) => s.status === 'running').map((s) => s.progress_pct as number);
    expect(running).toEqual([...running].sort((a, b) => a - b));
    expect(running[running.length - 1]).toBeGreaterThan(running[0]!);
  });

  it('items have the documented shape, and v1 returns the same data', async () => {
    const id = await create({ prompt: 'a lighthouse', orientation: 'landscape', n_frames: 150 });
    const [item] = await pending();
    expect(item).toMatchObject({
      id,
      task_type: 'video_gen',
      failure_reason: null,
      prompt: 'a lighthouse',
      title: null,
      generations: [],
    });
    expect(item?.creation_config).toMatchObject({
      prompt: 'a lighthouse',
      orientation: 'landscape',
      n_frames: 150,
      style: null,
      storyboard_id: null,
    });
    expect((await pending('/backend/nf/pending')).map((t) => t.id)).toEqual([id]);
  });

  it('lists external tasks and is an empty array when idle', async () => {
    expect(await pending()).toEqual([]);
    const ext = sim.addExternalTask({ renderMs: 5000 });
    expect((await pending()).map((t) => t.id)).toEqual([ext]);
    expect(sim.tasks().find((t) => t.id === ext)?.external).toBe(true);
  });
});

describe('drafts (docs/backend-facts.md §5.2–5.3)', () => {
  it('a finished task shows up in drafts only draftLagMs after leaving pending', async () => {
    sim.set({ renderMs: 100, draftLagMs: 400 });
    const id = await create();
    await waitFor(async () => !(await pending()).some((t) => t.id === id));
    const left = Date.now();
    expect((await drafts()).items.some((d) => d.task_id === id)).toBe(false);
    expect(sim.tasks()[0]?.status).toBe('indexing');
    await waitFor(async () => (await drafts()).items.some((d) => d.task_id === id));
    expect(Date.now() - left).toBeGreaterThanOrEqual(200);
  });

  it('draft items carry the docs/backend-facts.md §5.3 fields and signed media URLs', async () => {
    const id = await create({ prompt: 'waves', orientation: 'portrait', n_frames: 300 });
    const d = await waitFor(async () => (await drafts()).items.find((x) => x.task_id === id));
    expect(d.id).toMatch(/^gen_/);
    expect(d).toMatchObject({
      kind: 'sora_draft',
      generation_type: 'video_gen',
      prompt: 'waves',
      title: null,
      can_remix: true,
      reason_str: null,
      markdown_reason_str: null,
      duration_s: 10,
    });
    expect(d.height).toBeGreaterThan(d.width);
    expect(d.download_urls.watermark).toBe(d.downloadable_url);
    expect(d.download_urls.no_watermark).toBeNull();
    expect(d.downloadable_url).toMatch(
      /^https:\/\/videos\.openai\.com\/az\/files\/[0-9a-f-]{36}%2Fraw\?se=[^&]+&sp=r&sv=2024-08-04&sr=b&skoid=[^&]+&sig=/,
    );
    expect(d.encodings.thumbnail?.path).toMatch(/%2Fdrvs%2Fthumbnail%2Fraw\?/);
    expect(d.encodings.source?.path).toMatch(/^https:\/\//);
    expect(d.created_at).toBeGreaterThan(1e9);
    expect(d.created_at).toBeLessThan(1e11);
  });

  it('re-signs media URLs on every read', async () => {
    const id = await create();
    const a = await waitFor(async () => (await drafts()).items.find((x) => x.task_id === id));
    await new Promise((r) => setTimeout(r, 5));
    const b = (await drafts()).items.find((x) => x.task_id === id)!;
    expect(b.downloadable_url).not.toBe(a.downloadable_url);
    expect(b.downloadable_url?.split('?')[0]).toBe(a.downloadable_url?.split('?')[0]);
  });

  it('paginates newest first with an opaque cursor that ends in null', async () => {
    sim.set({ renderMs: 0 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await create({ prompt: `p${i}` }));
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    do {
      const page: { items: Draft[]; cursor: string | null } = await drafts(
        `limit=2&cursor=${encodeURIComponent(cursor ?? '')}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.task_id));
      cursor = page.cursor;
      pages++;
      // A draft arriving mid-pagination must not shift later pages.
      if (pages === 1) ids.push(await create({ prompt: 'late' }));
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids.slice(0, 5).reverse());
    expect((await drafts('limit=1')).items[0]?.task_id).toBe(ids[5]);
    expect((await getJson(c, '/backend/project_y/profile/drafts/v2?cursor=bogus')).status).toBe(400);
  });

  it('the older drafts path returns the same list', async () => {
    const id = await create();
    await waitFor(async () => (await drafts()).items.length === 1);
    const old = await getJson<{ items: Draft[] }>(c, '/backend/project_y/profile/drafts?limit=15');
    expect(old.body.items.map((d) => d.task_id)).toEqual([id]);
  });

  it('drafts/v2/{gen_id} returns {draft} and 404 JSON when unknown', async () => {
    const id = await create();
    const d = await waitFor(async () => (await drafts()).items.find((x) => x.task_id === id));
    const one = await getJson<{ draft: Draft }>(c, `/backend/project_y/profile/drafts/v2/${d.id}`);
    expect(one.status).toBe(200);
    expect(one.body.draft.task_id).toBe(id);
    const missing = await getJson<{ error: { code: string } }>(
      c,
      '/backend/project_y/profile/drafts/v2/gen_01unknown',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('a prompt matching contentPolicyPattern ends as a sora_content_violation draft without media', async () => {
    sim.set({ contentPolicyPattern: 'forbidden' });
    const id = await create({ prompt: 'something forbidden here' });
    const d = await waitFor(async () => (await drafts()).items.find((x) => x.task_id === id));
    expect(d.kind).toBe('sora_content_violation');
    expect(d.reason_str).toBeTruthy();
    expect(d.url).toBeNull();
    expect(d.downloadable_url).toBeNull();
  });
});
