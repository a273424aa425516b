import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { type Browser, launch } from './harness';

/** The one file picker at a real side-panel width: a long file name is cut short, a wrong type refused. */
let sim: Sim;
let browser: Browser;
const files = mkdtempSync(join(tmpdir(), 'sora-file-input-'));

beforeAll(async () => {
  sim = await startSim({ renderMs: 1_500 });
  browser = await launch({ sim });
  await browser.signIn();
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

/** Pixels by which any picker or its message reaches past an ancestor, and past the page. */
async function overflow(page: Page): Promise<{ picker: number; page: number }> {
  return page.evaluate(() => {
    let picker = 0;
    for (const el of document.querySelectorAll<HTMLElement>('.file-button, .file-error')) {
      const right = el.getBoundingClientRect().right;
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement)
        picker = Math.max(picker, right - box.getBoundingClientRect().right);
    }
    const main = document.querySelector('main')!;
    return { picker: Math.round(picker), page: main.scrollWidth - main.clientWidth };
  });
}

test('a long video name and a refused image stay inside the 400 px Create tab', async () => {
  const video = join(
    files,
    'a-really-long-character-reference-file-name-from-the-phone-2026-01-31-take-2.mp4',
  );
  writeFileSync(video, 'video bytes');
  const pdf = join(files, 'notes-with-a-very-long-name-that-is-not-an-image-at-all-2026-01-31.pdf');
  writeFileSync(pdf, '%PDF');
  const panel = await browser.openPage('sidepanel');
  await panel.setViewportSize({ width: 400, height: 800 });
  await panel.getByTestId('tab-compose').click();

  await panel.getByTestId('video-input').setInputFiles(video);
  await panel.getByText(/take-2\.mp4/).waitFor();
  expect(await overflow(panel)).toEqual({ picker: 0, page: 0 });

  await panel.getByTestId('image-input').setInputFiles(pdf);
  expect(await panel.getByTestId('image-input-error').textContent()).toContain('.pdf');
  expect(await overflow(panel)).toEqual({ picker: 0, page: 0 });

  await panel.getByTestId('tab-batch').click();
  await panel.getByTestId('import-file').setInputFiles(pdf);
  expect(await panel.getByTestId('import-file-error').textContent()).toContain('.pdf');
  expect(await panel.getByTestId('import-confirm').count()).toBe(0);
  expect(await overflow(panel)).toEqual({ picker: 0, page: 0 });
});
