/** Sora simulator: a local HTTPS stand-in for sora.chatgpt.com, chatgpt.com and videos.openai.com. */
export { createSimFetch, type SimFetch } from './client';
export { CookieJar, type StoredCookie } from './cookie-jar';
export { DEVICE_COOKIE, SESSION_COOKIE } from './cookies';
export { type SignedInClient, sentinelToken, signInClient } from './helpers';
export { decodeJwtPayload } from './jwt';
export { mediaContent, THUMBNAIL_PNG } from './media-content';
export { blobName, parseBlobName } from './media-url';
export { generationCost } from './routes/create';
export { CREATE_FLOWS } from './sentinel-state';
export { startSim } from './server';
export { DEFAULT_SETTINGS } from './settings';
export { SIM_HOSTS, spkiHashOf } from './tls';
export type * from './types';
