// `npm start`: builds (done by the npm script), starts the Sora simulator, opens Chromium with the
// extension signed in to it, queues a short demo batch from the side panel, prints progress, and
// leaves the downloaded videos and screenshots in ./demo-output. No Sora account is needed.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launch } from '../e2e/harness';
import { listFiles } from '../e2e/wait';
import { startSim } from '../sim';

const OUT = resolve(import.meta.dirname, '../demo-output');
const DOCS = resolve(import.meta.dirname, '../docs/screenshots');
const PROMPTS = [
  { text: 'A kitten running across a meadow at golden hour', model: 'sora2-landscape-10s' },
  { text: 'City street at night in the rain, neon reflections', model: 'sora2-portrait-10s' },
  { text: 'A paper boat drifting down a stream, macro shot', model: 'sora2-landscape-15s' },
];
const PROMPTS_ZH = [
  { text: '金色时分，一只小猫跑过草地', model: 'sora2-landscape-10s' },
  { text: '雨夜的城市街道，霓虹倒影', model: 'sora2-portrait-10s' },
  { text: '一只纸船顺溪流漂下，微距镜头', model: 'sora2-landscape-15s' },
];

async function queuePrompts(panel: Page, prompts: typeof PROMPTS): Promise<void> {
  for (const prompt of prompts) {
    await panel.getByTestId('prompt-input').fill(prompt.text);
    await panel.getByTestId('model-select').selectOption(prompt.model);
    await panel.getByTestId('submit').click();
    await panel.getByTestId('prompt-input').and(panel.locator(':placeholder-shown')).waitFor();
  }
}

async function rows(panel: Page): Promise<{ status: string; progress: string; prompt: string }[]> {
  return panel.getByTestId('job-row').evaluateAll((els) =>
    els.map((el) => ({
      status: el.getAttribute('data-status') ?? '',
      progress: el.querySelector('[data-testid="job-progress"]')?.getAttribute('data-value') ?? '0',
      prompt: el.querySelector('.job-prompt')?.textContent ?? '',
    })),
  );
}

async function followProgress(panel: Page): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    const current = await rows(panel);
    const line = current
      .map((r) => `${r.status}${r.status === 'generating' ? ` ${r.progress}%` : ''}`)
      .join(' | ');
    if (line !== last) console.log(`  ${line}`);
    last = line;
    if (current.length === PROMPTS.length && current.every((r) => ['done', 'failed'].includes(r.status)))
      return;
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error('The demo batch did not finish within two minutes.');
}

async function screenshot(page: Page, name: string, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.screenshot({ path: resolve(OUT, 'screenshots', `${name}-${theme}.png`), fullPage: true });
}

/** One pass: a browser in `locale`, the demo batch queued from a 400 px side panel, its screenshots. */
async function demo(locale: 'en' | 'zh-CN', downloadDir: string): Promise<void> {
  const sim = await startSim({ renderMs: 8_000, mediaBytes: 256 * 1024 });
  console.log(
    `Sora simulator on https://127.0.0.1:${sim.port} (serving sora.chatgpt.com, chatgpt.com, videos.openai.com)`,
  );
  const browser = await launch({
    sim,
    downloadDir,
    headless: !process.env.DISPLAY,
    ...(locale === 'en' ? {} : { locale }),
  });
  const suffix = locale === 'en' ? '' : `-${locale}`;
  try {
    await browser.signIn();
    const panel = await browser.openPage('sidepanel');
    // A real side panel's width.
    await panel.setViewportSize({ width: 400, height: 800 });
    console.log(
      `Extension ${browser.extensionId} loaded (${locale}); queuing ${PROMPTS.length} demo jobs from the side panel…`,
    );
    await queuePrompts(panel, locale === 'en' ? PROMPTS : PROMPTS_ZH);
    await followProgress(panel);
    for (const theme of ['light', 'dark'] as const) {
      await screenshot(panel, `sidepanel${suffix}`, theme);
      const popup = await browser.openPage('popup');
      await popup.setViewportSize({ width: 380, height: 560 });
      await screenshot(popup, `popup${suffix}`, theme);
      await popup.close();
      if (locale !== 'en') continue;
      const options = await browser.openPage('options');
      await screenshot(options, 'options', theme);
      await options.close();
    }
  } finally {
    await browser.close();
    await sim.close();
  }
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(resolve(OUT, 'screenshots'), { recursive: true });
const updateDocs = process.argv.includes('--update-docs');
await demo('en', resolve(OUT, 'downloads'));
// The Chinese pass is for the README's screenshots (Chromium needs its zh-CN pack: chromium-l10n).
if (updateDocs) await demo('zh-CN', resolve(OUT, 'downloads-zh-CN'));
const files = listFiles(resolve(OUT, 'downloads'));
console.log(`\nDone. ${files.length} videos downloaded:`);
for (const file of files) console.log(`  demo-output/downloads/${file}`);
console.log('Screenshots: demo-output/screenshots/');
if (updateDocs) {
  cpSync(resolve(OUT, 'screenshots'), DOCS, { recursive: true });
  console.log('Copied screenshots to docs/screenshots/');
}
