/**
 * Browser source of the sim's SentinelSDK shim (docs/backend-facts.md §3.3): installs `window.SentinelSDK = {init, token}`.
 * token(flow, deviceId?) POSTs `{p, id, flow}` as text/plain with credentials to sentinel/req and resolves to
 * the compact JSON string of docs/backend-facts.md §3.2. No proof of work: the sim answers `proofofwork.required: false`.
 */
export const SENTINEL_SDK_JS = `(() => {
  'use strict';
  const REQ = 'https://chatgpt.com/backend-api/sentinel/req';
  const b64 = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
  const readCookie = (name) => {
    const m = document.cookie.match(new RegExp('(?:^|;\\\\s*)' + name.replace(/[-.]/g, '\\\\$&') + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  };
  const config = (attempt) => [
    screen.width + screen.height, String(new Date()), 4294705152, attempt, navigator.userAgent,
    'https://chatgpt.com/backend-api/sentinel/sdk.js', null, navigator.language,
    (navigator.languages || []).join(','), Math.round(performance.now()),
  ];
  const deviceId = (arg) => arg || readCookie('oai-did') || crypto.randomUUID();
  async function challenge(flow, id) {
    const p = 'gAAAAAC' + b64(JSON.stringify(config(1)));
    const res = await fetch(REQ, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ p, id, flow }),
    });
    if (!res.ok) throw new Error('sentinel/req failed with HTTP ' + res.status);
    return res.json();
  }
  window.SentinelSDK = {
    async init(flow) { return undefined; },
    async token(flow, deviceIdArg) {
      const id = deviceId(deviceIdArg);
      const answer = await challenge(flow, id);
      const p = 'gAAAAAB' + b64(JSON.stringify(config(0))) + '~S';
      return JSON.stringify({ p, t: b64('sim-turnstile:' + Date.now()), c: answer.token, id, flow });
    },
  };
})();
`;
