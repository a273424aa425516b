import { launch } from '../e2e/harness';
import { startSim } from '../sim';
import { seed } from '../bench/ui';
const sim = await startSim({ renderMs: 1_000 });
const browser = await launch({ sim });
const options = await browser.openPage('options');
await browser.serviceWorker();
await new Promise((d) => setTimeout(d, 1000));
await seed(options, 0, 100);
await new Promise((d) => setTimeout(d, 3000));
for (let i = 0; i < 4; i++) {
  const page = await browser.context.newPage();
  await page.addInitScript(`(() => {
    const log = (window.__log = []);
    const at = (what) => log.push(Math.round(performance.now()) + ' ' + what);
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...a) { at('idb.open'); const r = open.apply(this, a); r.addEventListener('success', () => at('idb.open ok')); return r; };
    const tx = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (stores, ...a) { const t = tx.call(this, stores, ...a); const name = [stores].flat().join(','); at('tx ' + name); t.addEventListener('complete', () => at('tx done ' + name)); return t; };
    document.addEventListener('DOMContentLoaded', () => at('DCL'));
    const obs = new MutationObserver(() => {
      if (!window.__a && document.querySelector('#app *')) { window.__a = 1; at('first dom'); }
      if (!window.__b && document.querySelector('[data-testid="queue-filter"] option')) { window.__b = 1; at('filter'); }
      if (document.querySelector('[data-testid="job-row"]')) { obs.disconnect(); at('row'); requestAnimationFrame(() => { at('frame'); window.__done = 1; }); }
    });
    obs.observe(document, { subtree: true, childList: true });
  })()`);
  await page.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await page.waitForFunction(() => (window as unknown as { __done?: number }).__done);
  console.log((await page.evaluate(() => (window as unknown as { __log: string[] }).__log)).join(' | '));
  await page.close();
}
await browser.dispose();
await sim.close();
