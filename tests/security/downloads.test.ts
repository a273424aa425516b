import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { textDataUrl } from '@/lib/data-url';
import { jobFileName } from '@/lib/pipeline/download';
import { createBrowserDownloads, downloadProblem } from '@/lib/platform/downloads';
import { isSoraMediaUrl as isAllowedMediaUrl } from '@/lib/sora/declared';
import { makeJob } from '../helpers/jobs';

const SIGNED = 'https://videos.openai.com/az/files/abc%2Fraw?se=2030-01-01&sig=AbC%2B%2F%3D';

describe('only https links on the media hosts are downloaded', () => {
  it.each([
    ['http', 'http://videos.openai.com/az/files/x'],
    ['a lookalike host', 'https://videos.openai.com.evil.example/x'],
    ['a subdomain', 'https://evil.videos.openai.com/x'],
    ['userinfo', 'https://videos.openai.com@evil.example/x'],
    ['the host in the query', 'https://evil.example/?u=https://videos.openai.com/x'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['blob:', 'blob:https://videos.openai.com/1234'],
    ['an HTML data URL', 'data:text/html;base64,PHNjcmlwdD4='],
    ['ftp', 'ftp://videos.openai.com/x'],
    ['not a URL', 'videos.openai.com/x'],
  ])('refuses %s', (_name, url) => {
    expect(downloadProblem(url, 'Sora Companion/a.mp4')).toBe('the link is not on a Sora media host');
  });

  it('allows a signed media link and the data URLs the extension makes itself', () => {
    expect(downloadProblem(SIGNED, 'Sora Companion/a.mp4')).toBeNull();
    expect(downloadProblem('HTTPS://VIDEOS.OPENAI.COM/x', 'a.mp4')).toBeNull();
    expect(downloadProblem(textDataUrl('{"a":1}', 'application/json'), 'a.json')).toBeNull();
    expect(downloadProblem(textDataUrl('héllo', 'text/plain;charset=utf-8'), 'a.txt')).toBeNull();
  });

  it('any URL: allowed exactly when it parses as https on videos.openai.com (or is our own data)', () => {
    const urls = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.webUrl().map((u) => u.replace(/^https?:\/\/[^/]+/, 'https://videos.openai.com')),
      fc.string().map((s) => `https://videos.openai.com${s}`),
      fc.string(),
    );
    fc.assert(
      fc.property(urls, (url) => {
        let expected = false;
        try {
          const parsed = new URL(url);
          expected = parsed.protocol === 'https:' && parsed.hostname === 'videos.openai.com';
        } catch {
          expected = false;
        }
        expect(isAllowedMediaUrl(url)).toBe(expected);
        expect(downloadProblem(url, 'a.mp4') === null).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  describe('the browser adapter (every caller goes through it)', () => {
    beforeEach(() => fakeBrowser.reset());

    it('never hands a refused link or path to chrome.downloads', async () => {
      const download = vi.spyOn(fakeBrowser.downloads, 'download').mockResolvedValue(7);
      const port = createBrowserDownloads();
      await expect(
        port.download({ url: 'https://evil.example/x.mp4', filename: 'a.mp4' }),
      ).rejects.toMatchObject({
        code: 'bad_response',
      });
      await expect(port.download({ url: SIGNED, filename: '../../.bashrc' })).rejects.toThrow(/unsafe/);
      await expect(port.download({ url: SIGNED, filename: '/etc/cron.d/x' })).rejects.toThrow(/relative/);
      expect(download).not.toHaveBeenCalled();
      await expect(port.download({ url: SIGNED, filename: 'Sora Companion/a.mp4' })).resolves.toBe(7);
      expect(download).toHaveBeenCalledWith({
        url: SIGNED,
        filename: 'Sora Companion/a.mp4',
        conflictAction: 'uniquify',
        saveAs: false,
      });
    });
  });
});

describe('file names built from prompts and backend ids never escape the download folder', () => {
  it.each([
    ['an absolute path', '/home/me/a.mp4', /relative/],
    ['a Windows drive', 'C:\\Users\\a.mp4', /relative/],
    ['a backslash', 'a\\..\\b.mp4', /relative/],
    ['..', 'Sora Companion/../../a.mp4', /unsafe/],
    ['a hidden file', '.config/a.mp4', /unsafe/],
    ['an empty folder', 'a//b.mp4', /unsafe/],
    ['a trailing dot', 'folder./a.mp4', /unsafe/],
    ['a reserved name', 'CON/a.mp4', /reserved/],
    ['a control character', 'a\u0000b.mp4', /relative/],
    ['a huge name', `${'a'.repeat(300)}.mp4`, /unsafe/],
  ])('the adapter refuses %s', (_name, filename, reason) => {
    expect(downloadProblem(SIGNED, filename)).toMatch(reason);
  });

  const fragments = fc.constantFrom(
    '{prompt}',
    '{task}',
    '{model}',
    '{batch}',
    '{index}',
    '{date}',
    '{time}',
    '{id}',
    '/',
    '\\',
    '..',
    '.',
    'C:',
    'con',
    'nul.txt',
    'LPT1',
    ' ',
    '~',
    '%2e%2e%2f',
    '\u0000',
    '\u202e',
    'Sora Companion',
  );
  const template = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.array(fragments, { maxLength: 12 }).map((f) => f.join('')),
  );
  const hostile = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom(
      '../../../etc/passwd',
      '..\\..\\Windows\\System32',
      '/abs/path',
      'C:\\x',
      'CON',
      'aux.mp4',
      '.',
      '..',
    ),
  );

  it('jobFileName: always a safe relative path with the job id, which the adapter accepts', () => {
    fc.assert(
      fc.property(
        template,
        hostile,
        hostile,
        hostile,
        fc.option(fc.uuid(), { nil: null }),
        fc.constantFrom('mp4', 'png', 'txt', 'json'),
        (tpl, prompt, taskId, model, batchId, extension) => {
          const base = makeJob();
          const job = {
            ...base,
            batchId,
            batchIndex: batchId ? 3 : null,
            taskId,
            input: { ...base.input, model },
            request: { ...base.request, prompt } as typeof base.request,
          };
          const path = jobFileName(tpl, job, extension);
          expect(downloadProblem(SIGNED, path)).toBeNull();
          expect(path.split('/').some((s) => s === '..' || s === '.' || s === '')).toBe(false);
          expect(path.split('/')).not.toContain('..');
          expect(path.endsWith(`.${extension}`)).toBe(true);
          expect(path.length).toBeLessThanOrEqual(400);
          expect(path).toContain(job.id.slice(0, 8)); // crash recovery finds the download by it
        },
      ),
      { numRuns: 3_000 },
    );
  });

  // Reserved Windows device names (also before the first dot: `nul.txt` ≡ NUL), a last segment that
  // sanitizing blanks, and names shortened past their id: the job id must survive every one of them
  // (crash recovery finds a job's download by it) and no segment may be a device name.
  it('jobFileName never yields a reserved name and always keeps the job id', () => {
    const base = makeJob();
    for (const [tpl, prompt] of [
      ['..nul.txt', 'x'],
      ['{prompt}.x', 'nul'],
      ['{prompt}/nul.txt', ''],
      ['con', 'x'],
      ['{prompt}{prompt}{prompt}', 'a long prompt about a windy lighthouse at dusk, slowly'],
    ] as const) {
      const job = { ...base, request: { ...base.request, prompt } as typeof base.request };
      const path = jobFileName(tpl, job);
      expect(downloadProblem(SIGNED, path), path).toBeNull();
      expect(path).toContain(base.id.slice(0, 8));
    }
  });
});
