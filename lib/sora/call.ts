import type { z } from 'zod/mini';
import { isSoraError } from './errors';
import type { Http } from './http';
import { CREATE_FLOW, type Sentinel } from './sentinel';
import { type Session, SORA_ORIGIN } from './session';

export const BACKEND = `${SORA_ORIGIN}/backend`;

export interface CallDeps {
  http: Http;
  session: Session;
  sentinel: Sentinel;
}

/** The four ways the client talks to `/backend`: each adds what that kind of call needs. */
export interface Caller {
  /** GET with Bearer. */
  read<T extends z.core.$ZodType>(endpoint: string, path: string, schema: T): Promise<z.output<T>>;
  /** POST JSON with Bearer, no sentinel (enhance, characters; docs/backend-facts.md §1). */
  post<T extends z.core.$ZodType>(
    endpoint: string,
    path: string,
    body: unknown,
    schema: T,
  ): Promise<z.output<T>>;
  /** POST JSON with Bearer + sentinel + device id (creates; docs/backend-facts.md §3.1). */
  write<T extends z.core.$ZodType>(
    endpoint: string,
    path: string,
    body: unknown,
    schema: T,
  ): Promise<z.output<T>>;
  /** POST multipart with Bearer (uploads; docs/backend-facts.md §4.4). The browser sets the boundary. */
  upload<T extends z.core.$ZodType>(
    endpoint: string,
    path: string,
    form: FormData,
    schema: T,
  ): Promise<z.output<T>>;
}

/** A 401/403 from the backend itself (not the session endpoint's own verdict). */
const isBackendAuth = (error: unknown): boolean =>
  isSoraError(error) && error.code === 'auth' && error.endpoint !== 'session';

/** Creates the caller: one token refresh after a 401, one fresh sentinel after a block — never more. */
export function createCaller(deps: CallDeps): Caller {
  /** Bearer on every backend call; one token refresh after a 401 (docs/backend-facts.md §2.4, SCD "refresh once"). */
  async function authed<T extends z.core.$ZodType>(
    endpoint: string,
    path: string,
    init: RequestInit,
    schema: T,
  ): Promise<z.output<T>> {
    const attempt = async (): Promise<z.output<T>> => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await deps.session.token()}`);
      const req = { ...init, headers, credentials: 'include' as const };
      return deps.http.json({ endpoint, url: `${BACKEND}${path}`, init: req }, schema);
    };
    try {
      return await attempt();
    } catch (error) {
      // Only a backend 401 earns a retry; the session's own "still expired" verdict is final.
      if (!isBackendAuth(error)) throw error;
      await deps.session.invalidate();
      try {
        return await attempt();
      } catch (again) {
        // Reliability docs/reliability.md §16: a token refused twice is dropped from memory and storage.session.
        if (isBackendAuth(again)) await deps.session.invalidate();
        throw again;
      }
    }
  }

  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'oai-language': 'en-US' },
    body: JSON.stringify(body),
  });

  return {
    read: (endpoint, path, schema) => authed(endpoint, path, {}, schema),
    post: (endpoint, path, body, schema) => authed(endpoint, path, json(body), schema),
    upload: (endpoint, path, form, schema) => authed(endpoint, path, { method: 'POST', body: form }, schema),
    write: async <T extends z.core.$ZodType>(
      endpoint: string,
      path: string,
      body: unknown,
      schema: T,
    ): Promise<z.output<T>> => {
      /** docs/backend-facts.md §3.3 step 4: the token and the device id it names travel together. */
      const attempt = async (): Promise<z.output<T>> => {
        const sentinel = await deps.sentinel.token(CREATE_FLOW);
        const init = json(body);
        const headers = new Headers(init.headers);
        headers.set('openai-sentinel-token', sentinel.header);
        headers.set('oai-device-id', sentinel.deviceId);
        return authed(endpoint, path, { ...init, headers }, schema);
      };
      try {
        return await attempt();
      } catch (error) {
        // docs/backend-facts.md §8 step 5: on sentinel_block, a new token and one retry, then surface the error.
        if (!isSoraError(error) || error.code !== 'sentinel') throw error;
        deps.sentinel.invalidate();
        return attempt();
      }
    },
  };
}
