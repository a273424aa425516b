import { startTaskApiSim, startVideosApiSim } from './backends';

interface Closable {
  close(): Promise<void>;
}

/**
 * `npm run sim -- --backends videos-api,task-api`: starts the API backends' simulators next to the
 * Sora one, on the next ports, and prints how to reach them.
 */
export async function startBackendSims(
  list: string | undefined,
  soraPort: number,
  renderMs: number | undefined,
): Promise<Closable[]> {
  const wanted = new Set(
    (list ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const unknown = [...wanted].filter((w) => w !== 'videos-api' && w !== 'task-api');
  if (unknown.length) throw new Error(`--backends: unknown ${unknown.join(', ')} (videos-api, task-api)`);
  const opts = renderMs === undefined ? {} : { renderMs };
  const started: Closable[] = [];
  if (wanted.has('videos-api')) {
    const v = await startVideosApiSim({ ...opts, port: soraPort ? soraPort + 1 : 0 });
    started.push(v);
    console.log(`\nVideos API simulator on 127.0.0.1:${v.port}: base URL ${v.baseUrl}
  keys: ${v.settings.keys.join(', ')} (Bearer or api-key)
  Chromium flags: ${v.chromiumArgs().join(' ')}
  Control: GET/POST ${new URL(v.baseUrl).origin}/__sim/settings | /__sim/videos | /__sim/log | /__sim/faults`);
  }
  if (wanted.has('task-api')) {
    const t = await startTaskApiSim({ ...opts, port: soraPort ? soraPort + 2 : 0 });
    started.push(t);
    console.log(`\nTask API simulator on 127.0.0.1:${t.port}: base URL ${t.baseUrl} (results on ${t.cdnHost})
  keys: ${t.settings.keys.join(', ')} (Bearer)
  Chromium flags: ${t.chromiumArgs().join(' ')}
  Control: GET/POST ${new URL(t.baseUrl).origin}/__sim/settings | /__sim/tasks | /__sim/log | /__sim/faults`);
  }
  return started;
}
