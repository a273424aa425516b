import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SignedInClient, signInClient } from './helpers';
import { startSim } from './server';
import { createVideo, getJson, waitFor } from './test-utils';
import type { Sim } from './types';

let sim: Sim;
let c: SignedInClient;
beforeEach(async () => {
  sim = await startSim({ renderMs: 400, cameoRenderMs: 100 });
  c = await signInClient(sim);
});
afterEach(() => sim.close());

const SORA = 'https://sora.chatgpt.com';
const png = () => new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
const multipart = (fields: Record<string, string | [Blob, string]>): FormData => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string') form.append(k, v);
    else form.append(k, v[0], v[1]);
  }
  return form;
};
const post = (path: string, body: FormData | object) =>
  c.f(`${SORA}${path}`, {
    method: 'POST',
    headers: body instanceof FormData ? c.auth() : { ...c.auth(), 'content-type': 'application/json' },
    body: body instanceof FormData ? body : JSON.stringify(body),
  });

describe('uploads (docs/backend-facts.md §4.4)', () => {
  it('POST /backend/uploads: multipart image → {id}; non-image or missing file → 400', async () => {
    const ok = await post(
      '/backend/uploads',
      multipart({ file: [png(), 'image.png'], file_name: 'image.png' }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: expect.stringMatching(/^media_/) });
    const text = new Blob(['hi'], { type: 'text/plain' });
    expect((await post('/backend/uploads', multipart({ file: [text, 'a.txt'] }))).status).toBe(400);
    expect((await post('/backend/uploads', {})).status).toBe(400);
  });

  it('project_y/file/upload: file_id + asset_pointer + a servable url; an empty file → 200 user_error_message', async () => {
    const res = await post(
      '/backend/project_y/file/upload',
      multipart({ file: [png(), 'a.png'], use_case: 'inpaint_safe' }),
    );
    const body = (await res.json()) as { file_id: string; asset_pointer: string; url: string };
    expect(body).toMatchObject({
      file_id: expect.stringMatching(/^file_/),
      contains_realistic_person: false,
    });
    expect(body.asset_pointer).toBe(`sediment://${body.file_id}`);
    expect((await c.f(body.url)).headers.get('content-type')).toBe('image/png');
    const empty = await post(
      '/backend/project_y/file/upload',
      multipart({ file: [new Blob([], { type: 'image/png' }), 'e.png'] }),
    );
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({ user_error_message: expect.any(String) });
  });

  it('uploads need Bearer; creates refuse unknown upload ids', async () => {
    const noAuth = await c.f(`${SORA}/backend/uploads`, {
      method: 'POST',
      body: multipart({ file: [png(), 'a.png'] }),
    });
    expect(noAuth.status).toBe(401);
    const bad = await createVideo(c, { inpaint_items: [{ kind: 'upload', upload_id: 'media_nope' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('inpaint_items');
    const up = (await (await post('/backend/uploads', multipart({ file: [png(), 'a.png'] }))).json()) as {
      id: string;
    };
    expect((await createVideo(c, { inpaint_items: [{ kind: 'upload', upload_id: up.id }] })).status).toBe(
      200,
    );
  });
});

describe('characters (docs/backend-facts.md §4.9)', () => {
  const video = () => new Blob([new Uint8Array(32)], { type: 'video/mp4' });

  it('upload → in_progress → Completed with a profile asset → finalize once', async () => {
    const up = await post(
      '/backend/characters/upload',
      multipart({ file: [video(), 'video.mp4'], timestamps: '0,3' }),
    );
    const { id } = (await up.json()) as { id: string };
    const status = () => getJson<Record<string, unknown>>(c, `/backend/project_y/cameos/in_progress/${id}`);
    expect((await status()).body).toMatchObject({ status: 'in_progress', profile_asset_url: null });
    const early = await post('/backend/characters/finalize', {
      cameo_id: id,
      username: 'abc123',
      display_name: 'A',
      profile_asset_pointer: 'x',
    });
    expect(early.status).toBe(400);
    const ready = await waitFor(async () =>
      (await status()).body.status_message === 'Completed' ? (await status()).body : null,
    );
    expect((await c.f(String(ready.profile_asset_url))).status).toBe(200);
    const file = (await (
      await post(
        '/backend/project_y/file/upload',
        multipart({ file: [png(), 'profile.webp'], use_case: 'profile' }),
      )
    ).json()) as { asset_pointer: string };
    const body = {
      cameo_id: id,
      username: 'meow123',
      display_name: 'Meow',
      profile_asset_pointer: file.asset_pointer,
      instruction_set: null,
      safety_instruction_set: null,
    };
    const done = await post('/backend/characters/finalize', body);
    const character = ((await done.json()) as { character: { character_id: string } }).character;
    expect(character.character_id).toMatch(/^ch_/);
    expect((await status()).body.status).toBe('finalized');
    const again = (await (await post('/backend/characters/finalize', body)).json()) as {
      character: { character_id: string };
    };
    expect(again.character.character_id).toBe(character.character_id);
  });

  it('a video named "fail" fails; a non-video is refused; unknown ids 404', async () => {
    const { id } = (await (
      await post('/backend/characters/upload', multipart({ file: [video(), 'fail.mp4'] }))
    ).json()) as { id: string };
    await new Promise((r) => setTimeout(r, 150));
    expect(
      (await getJson<{ status: string }>(c, `/backend/project_y/cameos/in_progress/${id}`)).body.status,
    ).toBe('failed');
    expect((await post('/backend/characters/upload', multipart({ file: [png(), 'a.png'] }))).status).toBe(
      400,
    );
    expect((await getJson(c, '/backend/project_y/cameos/in_progress/cameo_nope')).status).toBe(404);
  });
});

describe('composer (docs/backend-facts.md §2.6, §4.8, §4.11)', () => {
  it('initialize_async lists 11 styles with id, display_name, image_url, and the limits', async () => {
    const { body } = await getJson<{ styles: { id: string }[]; max_bulk_tasks: number; max_cameos: number }>(
      c,
      '/backend/project_y/initialize_async',
    );
    expect(body.styles).toHaveLength(11);
    expect(body.styles[0]).toEqual({
      id: 'high_def',
      display_name: 'High-def',
      image_url: expect.stringContaining('high_def'),
    });
    expect(body).toMatchObject({ max_bulk_tasks: 4, max_cameos: 3 });
  });

  it('enhance_prompt → {enhanced_prompt}; a bad level → 400 naming it; no sentinel needed', async () => {
    const ok = await post('/backend/editor/enhance_prompt', {
      prompt: 'A fox',
      expansion_level: 'short',
      duration_s: 10,
    });
    expect(await ok.json()).toEqual({ enhanced_prompt: expect.stringMatching(/^A fox\. /) });
    const bad = await post('/backend/editor/enhance_prompt', { prompt: 'A fox', expansion_level: 'huge' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('expansion_level');
  });

  it('storyboard create uses the same admission as nf/create (sentinel, body, cap)', async () => {
    const res = await c.f(`${SORA}/backend/nf/create/storyboard`, {
      method: 'POST',
      headers: await c.writeHeaders(),
      body: JSON.stringify({
        kind: 'video',
        prompt: 'Shot 1:\nduration: 5.0sec\nScene: A cat',
        title: 'Draft your video',
        orientation: 'portrait',
        size: 'small',
        n_frames: 300,
        model: 'sy_8',
        storyboard_id: null,
        inpaint_items: [],
      }),
    });
    expect(res.status).toBe(200);
    const noSentinel = await c.f(`${SORA}/backend/nf/create/storyboard`, {
      method: 'POST',
      headers: { ...c.auth(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noSentinel.status).toBe(400);
  });
});
