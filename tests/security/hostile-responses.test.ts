import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { GenerationSpec } from '@/lib/sora/backend';
import { isSoraError, type SoraError } from '@/lib/sora/errors';
import { createHttp, MAX_BODY_BYTES, type RequestLogEntry } from '@/lib/sora/http';
import { fetchSignedMedia, MAX_MEDIA_FETCH_BYTES } from '@/lib/sora/media-fetch';
import { type Sim, startSim } from '@/sim';
import { simStack } from '../sora/sim-stack';

const Schema = z.object({ ok: z.boolean(), items: z.array(z.string()) });
const req = { endpoint: 'pending', url: 'https://sora.chatgpt.com/backend/nf/pending/v2', init: {} };

function setup(fetch: (input: string, init?: RequestInit) => Promise<Response>) {
  const log: RequestLogEntry[] = [];
  const inits: RequestInit[] = [];
  const http = createHttp({
    fetch: (input, init) => {
      inits.push(init ?? {});
      return fetch(input, init);
    },
    now: () => Date.now(),
    log: (e) => log.push(e),
    timeoutMs: 5_000,
  });
  return { http, log, inits };
}

const failure = async (p: Promise<unknown>): Promise<SoraError> => {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  if (!isSoraError(e)) throw new Error(`expected a SoraError, got ${String(e)}`);
  return e;
};

/** A body stream that counts how many bytes the client pulled out of it. */
function countingBody(total: number, chunk = 64 * 1024) {
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = Math.min(chunk, total - pulled.bytes);
      if (size <= 0) return controller.close();
      pulled.bytes += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, pulled };
}

describe('redirects are refused, never followed', () => {
  it('asks fetch not to follow, whatever the caller passed', async () => {
    const { http, inits } = setup(async () => Response.json({ ok: true, items: [] }));
    await http.json({ ...req, init: { redirect: 'follow' } }, Schema);
    expect(inits[0]!.redirect).toBe('manual');
  });

  it('a 302 to another host is a clear error naming the host, and nothing is retried', async () => {
    const { http, log, inits } = setup(
      async () =>
        new Response(null, { status: 302, headers: { location: 'https://evil.example/steal?x=1' } }),
    );
    const error = await failure(http.json(req, Schema));
    expect(error.code).toBe('bad_response');
    expect(error.message).toBe('Sora answered pending with a redirect to evil.example; it was not followed.');
    expect(inits).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 0, errorCode: 'bad_response' });
  });

  it("a browser's opaque redirect (status 0, no Location) is refused the same way", async () => {
    const opaque = Object.assign(new Response(null, { status: 200 }), {});
    Object.defineProperties(opaque, {
      type: { value: 'opaqueredirect' },
      status: { value: 0 },
      ok: { value: false },
    });
    const { http } = setup(async () => opaque);
    const error = await failure(http.text(req));
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/redirect to another address; it was not followed/);
  });
});

describe('huge bodies are refused without being buffered', () => {
  it('a declared Content-Length over the cap: refused before reading a byte', async () => {
    const { stream, pulled } = countingBody(MAX_BODY_BYTES * 4);
    const { http } = setup(
      async () =>
        new Response(stream, {
          headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES * 4) },
        }),
    );
    const error = await failure(http.json(req, Schema));
    expect(error.code).toBe('bad_response');
    expect(error.message).toBe('pending answered with more than 4 MB; the answer was refused.');
    expect(pulled.bytes).toBeLessThanOrEqual(2 * 64 * 1024); // at most what the stream queued up front
  });

  it('no Content-Length (chunked): reading stops just past the cap', async () => {
    const { stream, pulled } = countingBody(MAX_BODY_BYTES * 10);
    const { http } = setup(
      async () => new Response(stream, { headers: { 'content-type': 'application/json' } }),
    );
    const error = await failure(http.json(req, Schema));
    expect(error.message).toMatch(/more than 4 MB/);
    expect(pulled.bytes).toBeLessThan(MAX_BODY_BYTES + 3 * 64 * 1024);
  });

  it('a huge error page is read only as far as the mapper looks, and still mapped', async () => {
    const { stream, pulled } = countingBody(MAX_BODY_BYTES * 10);
    const { http } = setup(async () => new Response(stream, { status: 502 }));
    const error = await failure(http.json(req, Schema));
    expect(error.code).toBe('retryable');
    expect(pulled.bytes).toBeLessThan(256 * 1024);
  });

  it('a body at the cap is still read', async () => {
    const pad = 'x'.repeat(MAX_BODY_BYTES - 30);
    const { http } = setup(
      async () => new Response(`{"ok":true,"items":["${pad}"]}`.slice(0, MAX_BODY_BYTES)),
    );
    const body = await http.text(req);
    expect(body.text.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
  });
});

describe('malformed answers become plain errors', () => {
  it.each([
    [
      'malformed JSON',
      new Response('{"ok": tru', { headers: { 'content-type': 'application/json' } }),
      'bad_response',
      /not JSON/,
    ],
    ['an empty body', new Response('', { status: 200 }), 'bad_response', /not JSON/],
    ['wrong types', Response.json({ ok: 'yes', items: [1] }), 'bad_response', /unexpected shape at ok/],
    ['null', Response.json(null), 'bad_response', /unexpected shape/],
    [
      'an HTML page with 200',
      new Response('<!doctype html><title>Log in</title>', { headers: { 'content-type': 'text/html' } }),
      'challenge',
      /web page/,
    ],
    [
      'an HTML error page',
      new Response('<html><body>502 Bad Gateway</body></html>', {
        status: 502,
        headers: { 'content-type': 'text/html' },
      }),
      'retryable',
      /temporary problem/,
    ],
  ])('%s', async (_name, response, code, message) => {
    const { http } = setup(async () => response);
    const error = await failure(http.json(req, Schema));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('any status, content type and body: a SoraError or parsed data, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.constantFrom(null, 'application/json', 'text/html', 'text/plain', 'application/octet-stream'),
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.constant('{"ok":true,"items":[]}'),
          fc.uint8Array().map((b) => new TextDecoder().decode(b)),
        ),
        fc.option(fc.string(), { nil: null }),
        async (status, type, body, retryAfter) => {
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (retryAfter) headers['retry-after'] = retryAfter.replace(/[^\x20-\x7e]/g, '');
          const noBody = status === 204 || status === 205 || status === 304;
          const { http } = setup(async () => new Response(noBody ? null : body, { status, headers }));
          const outcome = await http.json(req, Schema).then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
          );
          if ('error' in outcome) {
            expect(isSoraError(outcome.error)).toBe(true);
            expect((outcome.error as SoraError).message.length).toBeGreaterThan(0);
          } else expect(Schema.safeParse(outcome.value).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hostile answers from the simulator, through the real client stack', () => {
  let sim: Sim;
  beforeEach(async () => {
    sim = await startSim({ renderMs: 400 });
  });
  afterEach(() => sim.close());

  const spec: GenerationSpec = {
    prompt: 'A lighthouse at dusk',
    model: 'sy_8',
    orientation: 'landscape',
    size: 'small',
    nFrames: 300,
    styleId: null,
    remixTargetId: null,
  };

  it('a redirect off the Sora host on any call: refused, and the target never sees a request', async () => {
    const s = await simStack(sim);
    const redirect = { kind: 'redirect', location: 'https://chatgpt.com/elsewhere', status: 307 } as const;
    for (const path of ['/api/auth/session', '/backend/nf/pending/v2', '/backend/nf/create'])
      sim.faults.inject({ path, action: redirect });
    expect((await failure(s.backend.session())).message).toMatch(
      /redirect to chatgpt\.com; it was not followed/,
    );
    await s.backend.session(); // the fault is used up: the real session
    expect((await failure(s.backend.poll([]))).code).toBe('bad_response');
    // A redirected create may or may not have happened: reconciled like a lost answer, never resent blindly.
    await expect(s.backend.create(spec)).resolves.toMatchObject({ kind: 'uncertain' });
    expect(sim.log.filter({ host: 'chatgpt.com', path: '/elsewhere' })).toEqual([]);
    expect(sim.log.count('POST', '/backend/nf/create')).toBe(1);
    expect((await fetchTasks(sim)).length).toBe(0); // the refused create created nothing
  });

  it('a huge body (with and without Content-Length) is refused; the next answer is read normally', async () => {
    const s = await simStack(sim);
    await s.backend.session();
    sim.faults.inject({ path: '/backend/nf/pending/v2', action: { kind: 'huge', bytes: 50_000_000 } });
    sim.faults.inject({
      path: '/backend/nf/pending/v2',
      action: { kind: 'huge', bytes: 50_000_000, chunked: true },
    });
    expect((await failure(s.backend.poll([]))).message).toMatch(/more than 4 MB/);
    expect((await failure(s.backend.poll([]))).message).toMatch(/more than 4 MB/);
    await expect(s.backend.poll([])).resolves.toMatchObject({ activeCount: 0 });
  });

  it('malformed JSON, wrong types and an HTML page on poll: clear errors, then recovery', async () => {
    const s = await simStack(sim);
    await s.backend.session();
    const path = '/backend/nf/pending/v2';
    sim.faults.inject({ path, action: { kind: 'status', status: 200, body: '[{"id": "task_' } });
    sim.faults.inject({ path, action: { kind: 'status', status: 200, body: { tasks: 'none' } } });
    sim.faults.inject({ path, action: { kind: 'html', status: 200, html: '<html>Log in</html>' } });
    expect((await failure(s.backend.poll([]))).message).toMatch(/not JSON/);
    expect((await failure(s.backend.poll([]))).code).toBe('bad_response');
    expect((await failure(s.backend.poll([]))).code).toBe('challenge');
    await expect(s.backend.poll([])).resolves.toMatchObject({ activeCount: 0 });
  });
});

async function fetchTasks(sim: Sim): Promise<unknown[]> {
  const { createSimFetch } = await import('@/sim');
  return (await (await createSimFetch(sim)('https://sora.chatgpt.com/__sim/tasks')).json()) as unknown[];
}

describe('media links from the backend (character profile pictures)', () => {
  const png = () =>
    new Response(new Uint8Array([137, 80, 78, 71]), { headers: { 'content-type': 'image/png' } });

  it.each([
    ['another host', 'https://evil.example/p.png'],
    ['a lookalike host', 'https://videos.openai.com.evil.example/p.png'],
    ['http', 'http://videos.openai.com/p.png'],
    ['a file URL', 'file:///etc/passwd'],
    ['not a URL', 'p.png'],
  ])('refuses %s before any request', async (_name, url) => {
    const calls: string[] = [];
    const error = await failure(
      fetchSignedMedia(url, async (u) => {
        calls.push(u);
        return png();
      }),
    );
    expect(error.code).toBe('bad_response');
    expect(calls).toEqual([]);
  });

  it('fetches a signed media link without cookies or redirects', async () => {
    const inits: RequestInit[] = [];
    const blob = await fetchSignedMedia(
      'https://videos.openai.com/az/files/x%2Fraw?sig=abc',
      async (_u, init) => {
        inits.push(init ?? {});
        return png();
      },
    );
    expect(blob.size).toBe(4);
    expect(inits[0]).toMatchObject({ credentials: 'omit', redirect: 'error' });
  });

  it('stops reading a body past the cap', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1 << 20;
        controller.enqueue(new Uint8Array(1 << 20));
      },
    });
    const error = await failure(
      fetchSignedMedia('https://videos.openai.com/p.png', async () => new Response(endless)),
    );
    expect(error.message).toMatch(/larger than expected/);
    expect(pulled).toBeLessThanOrEqual(MAX_MEDIA_FETCH_BYTES + 3 * (1 << 20));
  });
});
