import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  batchFolder,
  DEFAULT_FILENAME_TEMPLATE,
  type FileNameContext,
  renderFileName,
  templateError,
} from '@/lib/pipeline/filename';

const ctx: FileNameContext = {
  createdAt: Date.UTC(2026, 10, 22, 9, 5, 7),
  batchId: '0f3a9c2e-aaaa-bbbb-cccc-000000000000',
  index: 7,
  prompt: 'A kitten running across a meadow!',
  model: 'sora2-landscape-10s',
  taskId: 'task_01abc',
  jobId: '1234abcd-ffff-4444-8888-000000000000',
};

describe('renderFileName', () => {
  it('fills every token', () => {
    expect(renderFileName('{date}/{time}_{batch}_{index}_{prompt}_{model}_{task}_{id}', ctx)).toBe(
      '2026-11-22/09-05-07_batch-0f3a9c2e_007_a-kitten-running-across-a-meadow_sora2-landscape-10s_task_01abc_1234abcd.mp4',
    );
  });

  it('puts a batch in its own folder and drops the folder for a single job', () => {
    expect(renderFileName(DEFAULT_FILENAME_TEMPLATE, ctx)).toBe(
      'Sora Companion/batch-0f3a9c2e/2026-11-22_a-kitten-running-across-a-meadow_1234abcd.mp4',
    );
    expect(renderFileName(DEFAULT_FILENAME_TEMPLATE, { ...ctx, batchId: null })).toBe(
      'Sora Companion/2026-11-22_a-kitten-running-across-a-meadow_1234abcd.mp4',
    );
  });

  it('always keeps the job id, so a download can be found again after a crash', () => {
    expect(renderFileName('{prompt}', ctx)).toBe('a-kitten-running-across-a-meadow_1234abcd.mp4');
  });

  it('reports unknown tokens and falls back to the default template', () => {
    expect(templateError('{prompt}_{colour}')).toMatch(/Unknown token \{colour\}/);
    expect(templateError(DEFAULT_FILENAME_TEMPLATE)).toBeNull();
    expect(renderFileName('{colour}', ctx)).toBe(renderFileName(DEFAULT_FILENAME_TEMPLATE, ctx));
  });

  it('never escapes the download folder, whatever the template and prompt', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.string({ maxLength: 400 }), (template, prompt) => {
        const path = renderFileName(template, { ...ctx, prompt });
        expect(path.startsWith('/')).toBe(false);
        expect(path).not.toMatch(/^[a-zA-Z]:/);
        expect(path).not.toContain('\\');
        const segments = path.split('/');
        for (const segment of segments) {
          expect(segment.length).toBeGreaterThan(0);
          expect(segment.length).toBeLessThanOrEqual(104);
          expect(segment).not.toMatch(/^\.+$/);
          expect(segment.startsWith('.')).toBe(false);
          expect(segment).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
        }
        expect(path.endsWith('.mp4')).toBe(true);
        expect(path).toContain('1234abcd');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('batchFolder', () => {
  const at = Date.UTC(2026, 11, 2, 23, 59);

  it('is the first prompt as a slug and the day, and is the folder of every job of the batch', () => {
    const id = batchFolder('A kitten running across a meadow!', at);
    expect(id).toBe('a-kitten-running-across-a-meadow_2026-12-02');
    expect(renderFileName(DEFAULT_FILENAME_TEMPLATE, { ...ctx, batchId: id })).toBe(
      'Sora Companion/a-kitten-running-across-a-meadow_2026-12-02/2026-11-22_a-kitten-running-across-a-meadow_1234abcd.mp4',
    );
    // A suffixed id (a second batch with the same name that day) is its own folder.
    expect(renderFileName('{batch}/{id}', { ...ctx, batchId: `${id}-2` })).toBe(`${id}-2/1234abcd.mp4`);
  });

  it('keeps the slug bounded, drops separators and dots, and names an empty prompt', () => {
    const long = batchFolder(`${'word '.repeat(40)}end`, at);
    expect(long.length).toBeLessThanOrEqual(40 + '_2026-12-02'.length);
    expect(long).toMatch(/^word(-word)*_2026-12-02$/);
    expect(batchFolder('../../etc/passwd', at)).toBe('etc-passwd_2026-12-02');
    expect(batchFolder('[5.0s] 🎬 !!!', at)).toBe('5-0s_2026-12-02');
    expect(batchFolder('', at)).toBe('video_2026-12-02');
    expect(batchFolder('海边的灯塔', at)).toBe('海边的灯塔_2026-12-02');
  });

  it('is always one safe path segment', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: 4e12 }), (prompt, when) => {
        const folder = batchFolder(prompt, when);
        expect(folder).not.toMatch(/[\\/:*?"<>|]/);
        expect(folder.length).toBeGreaterThan(11);
        expect(folder.length).toBeLessThanOrEqual(51);
        expect(folder).toMatch(/_\d{4}-\d{2}-\d{2}$/);
      }),
    );
  });

  it('keeps the old folder of a batch queued before batches were named', () => {
    expect(renderFileName('{batch}/{id}', ctx)).toBe('batch-0f3a9c2e/1234abcd.mp4');
  });
});
