/** Query parameters safe to show in logs; every other value may be a signature or token. */
const SAFE_PARAMS = new Set(['limit', 'nf2', 'cut']);

/** Masks every query value of a URL except a few harmless ones (signed media URLs carry credentials). */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[unparseable url]';
  }
  const params = [...parsed.searchParams.keys()];
  const query = params.map((key) => `${key}=${SAFE_PARAMS.has(key) ? parsed.searchParams.get(key) : '***'}`);
  return `${parsed.host}${parsed.pathname}${query.length ? `?${query.join('&')}` : ''}`;
}

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const BEARER = /Bearer\s+[\w.~+/=-]+/gi;
const SIG = /([?&](?:sig|se|skoid|sktid|skt|ske|sks|skv|sv|sp|sr)=)[^&\s"']+/gi;

/** Removes anything token-shaped from free text (error messages may echo request details). */
export function maskText(text: string): string {
  return text.replace(BEARER, 'Bearer ***').replace(JWT, '***').replace(SIG, '$1***');
}
