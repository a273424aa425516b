import { launch } from '../e2e/harness';
import { startSim } from '../sim';
const sim = await startSim({ renderMs: 1_500 });
const browser = await launch({ sim, locale: process.argv[2] === 'zh' ? 'zh-CN' : undefined });
const panel = await browser.openPage('options');
console.log(await panel.evaluate(() => [chrome.i18n.getUILanguage(), chrome.i18n.getMessage('extName'), chrome.i18n.getMessage('err_content_policy')]));
for (const name of ['Sora Companion/金色时分/x.mp4', 'Sora Companion/a/金色时分.mp4', 'Sora Companion/金色时分-一只小猫跑过草地_2026-12-03/2026-12-03_a-cat_66d27b40.mp4', 'a/b_c/x.mp4', '猫.mp4']) {
  const r = await panel.evaluate((filename) => new Promise((d) => chrome.downloads.download({ url: 'data:text/plain,hi', filename }, (id) => d(id ?? chrome.runtime.lastError?.message))), name);
  console.log(name, '→', r);
}
await browser.dispose();
await sim.close();
