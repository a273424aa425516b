import { launch } from '../e2e/harness';
import { startSim } from '../sim';
const sim = await startSim({ renderMs: 1_000 });
const browser = await launch({ sim });
await browser.serviceWorker();
await new Promise((d) => setTimeout(d, 2000));
const name = process.argv[2] ?? 'popup';
const totals = new Map<string, number>();
const fnTotals = new Map<string, number>();
for (let i = 0; i < 4; i++) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(`chrome-extension://${browser.extensionId}/${name}.html`);
  await page.waitForTimeout(400);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  profile.samples?.forEach((id, k) => {
    const n = byId.get(id)!;
    const url = (n.callFrame.url.split('/').pop() || n.callFrame.functionName || '(native)');
    const ms = (dt[k] ?? 0) / 1000;
    totals.set(url, (totals.get(url) ?? 0) + ms);
    const fk = `${url}:${n.callFrame.functionName}:${n.callFrame.lineNumber}`;
    fnTotals.set(fk, (fnTotals.get(fk) ?? 0) + ms);
  });
  await page.close();
}
console.log([...totals].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v / 4).toFixed(1)} ms  ${k}`).join('\n'));
console.log('---');
console.log([...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 4).toFixed(1)} ms  ${k}`).join('\n'));
await browser.dispose();
await sim.close();
