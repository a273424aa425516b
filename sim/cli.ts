/** `npm run sim` — runs the simulator until Ctrl-C and prints how to reach it. */
import { parseArgs } from 'node:util';
import { startBackendSims } from './backends-cli';
import { startSim } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    'render-ms': { type: 'string' },
    'draft-lag-ms': { type: 'string' },
    plan: { type: 'string' },
    // `--backends videos-api,task-api` also starts those simulators (sim/README.md).
    backends: { type: 'string' },
  },
});

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const plan = values.plan as 'chatgpt_free' | 'chatgpt_plus' | 'chatgpt_pro' | undefined;
const sim = await startSim({
  port: Number(values.port),
  ...(num(values['render-ms']) !== undefined ? { renderMs: num(values['render-ms']) } : {}),
  ...(num(values['draft-lag-ms']) !== undefined ? { draftLagMs: num(values['draft-lag-ms']) } : {}),
  ...(plan ? { plan } : {}),
});

const base = 'https://sora.chatgpt.com';
console.log(`Sora simulator listening on 127.0.0.1:${sim.port} (hosts: ${sim.hosts.join(', ')})

Chromium flags:
  ${sim.chromiumArgs().join(' \\\n  ')}

e.g.  chromium --user-data-dir=/tmp/sora-sim ${sim
  .chromiumArgs()
  .map((a) => `'${a}'`)
  .join(' ')} ${base}/__sim/login

Log in:       ${base}/__sim/login      (log out: ${base}/__sim/logout)
Control API (through the same Chromium, or curl --resolve sora.chatgpt.com:${sim.port}:127.0.0.1 -k):
  GET  ${base}/__sim/log | /__sim/tasks | /__sim/settings | /__sim/faults
  POST ${base}/__sim/settings      {"renderMs":3000}
  POST ${base}/__sim/faults        {"path":"/backend/nf/create","method":"POST","action":{"kind":"status","status":502}}
  POST ${base}/__sim/sign-out | /__sim/sign-in | /__sim/reset-quota | /__sim/daily-limit | /__sim/external-task
  DELETE ${base}/__sim/faults | /__sim/log
Settings: ${JSON.stringify(sim.settings)}
Ctrl-C to stop.`);

const others = await startBackendSims(values.backends, Number(values.port), num(values['render-ms']));

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void Promise.all([sim.close(), ...others.map((o) => o.close())]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
