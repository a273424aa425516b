import { createSimFetch, type SimEndpoint, type SimFetch } from './client';
import { DEVICE_COOKIE } from './cookies';

/** A signed-in Node client: fetch with cookies, the access token and device id. */
export interface SignedInClient {
  f: SimFetch;
  accessToken: string;
  deviceId: string;
  /** `{authorization: 'Bearer …'}` for /backend/* reads. */
  auth(): Record<string, string>;
  /** Headers for a sentinel-protected write (docs/backend-facts.md §2.5): Bearer, JSON, sentinel token, device id. */
  writeHeaders(flow?: string): Promise<Record<string, string>>;
}

/** What SentinelSDK.token() does (docs/backend-facts.md §3.3/§3.4), from Node: sentinel/req, then the §3.2 JSON string. */
export async function sentinelToken(
  f: SimFetch,
  deviceId: string,
  flow = 'sora_2_create_task',
): Promise<string> {
  const p = `gAAAAAC${Buffer.from('[]').toString('base64')}`;
  const res = await f('https://chatgpt.com/backend-api/sentinel/req', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://sora.chatgpt.com' },
    body: JSON.stringify({ p, id: deviceId, flow }),
  });
  if (!res.ok) throw new Error(`sentinel/req answered ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return JSON.stringify({
    p: `gAAAAAB${Buffer.from('[0]').toString('base64')}~S`,
    t: 'sim',
    c: token,
    id: deviceId,
    flow,
  });
}

/** Logs a fresh client in via /__sim/login and reads its access token from /api/auth/session. */
export async function signInClient(sim: SimEndpoint): Promise<SignedInClient> {
  const f = createSimFetch(sim);
  await f('https://sora.chatgpt.com/__sim/login', { redirect: 'manual' });
  const session = (await (await f('https://sora.chatgpt.com/api/auth/session')).json()) as {
    accessToken?: string;
  };
  const deviceId = f.jar.get('https://sora.chatgpt.com/', DEVICE_COOKIE)?.value;
  if (!session.accessToken || !deviceId) throw new Error('signInClient: login did not produce a session');
  const client: SignedInClient = {
    f,
    accessToken: session.accessToken,
    deviceId,
    auth: () => ({ authorization: `Bearer ${client.accessToken}` }),
    writeHeaders: async (flow) => ({
      ...client.auth(),
      'content-type': 'application/json',
      'oai-device-id': deviceId,
      'openai-sentinel-token': await sentinelToken(f, deviceId, flow),
    }),
  };
  return client;
}
