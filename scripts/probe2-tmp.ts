import { launch } from '../e2e/harness';
import { startSim } from '../sim';
const sim = await startSim({ renderMs: 1_000 });
const browser = await launch({ sim });
await browser.serviceWorker();
await new Promise((d) => setTimeout(d, 2000));
const out: Record<string, number[]> = {};
for (let i = 0; i < 7; i++) for (const name of ['blank', 'popup']) {
  const page = await browser.context.newPage();
  await page.addInitScript(`(() => {
    const obs = new MutationObserver(() => { if (document.querySelector('[data-testid="queue-summary"]')) { obs.disconnect(); requestAnimationFrame(() => { window.__frame = performance.now(); }); } });
    obs.observe(document, { subtree: true, childList: true });
  })()`);
  await page.goto(`chrome-extension://${browser.extensionId}/${name}.html`);
  await page.waitForFunction(() => (window as unknown as { __frame?: number }).__frame);
  (out[name] ??= []).push(Math.round(await page.evaluate(() => (window as unknown as { __frame: number }).__frame)));
  await page.close();
}
console.log(out);
await browser.dispose();
await sim.close();
