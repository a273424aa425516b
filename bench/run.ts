// `npm run bench`: every benchmark, printed as one table. Not part of CI (it takes minutes).
// BENCH_ONLY=queue|prompt|ui|backup|videos-api picks one group.
import { existsSync } from 'node:fs';
import { benchBackup } from './backup';
import { benchPromptParse } from './prompt-parse';
import { benchQueue } from './queue';
import type { Metric } from './types';
import { benchVideosApi } from './videos-api';

const only = process.env.BENCH_ONLY;
const groups: [string, () => Promise<Metric[]>][] = [
  ['prompt', benchPromptParse],
  ['queue', benchQueue],
  ['backup', benchBackup],
  ['videos-api', benchVideosApi],
];
const uiModule = new URL('./ui.ts', import.meta.url);
if (existsSync(uiModule)) {
  const ui = (await import(uiModule.href)) as { benchUi?: () => Promise<Metric[]> };
  if (ui.benchUi) groups.push(['ui', ui.benchUi]);
}

const results: Metric[] = [];
for (const [name, run] of groups) {
  if (only && only !== name) continue;
  console.log(`running ${name} benchmarks…`);
  results.push(...(await run()));
}
const width = Math.max(...results.map((r) => r.name.length));
console.log('');
for (const r of results) {
  console.log(
    `${r.name.padEnd(width)}  ${String(r.value).padStart(9)} ${r.unit.padEnd(8)} ${r.target ? `(target ${r.target})` : ''}`,
  );
}
