import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Imported first by every entrypoint, before any schema is built. zod 4 otherwise compiles object
 * schemas with `new Function`, which MV3's CSP forbids and which this extension must not ship at all
 * (wxt.config.ts also strips the code generator from the bundle; e2e/security-bundle.e2e.ts checks both).
 * Product code uses `zod/mini` (the same engine without ~20 KB gzip of chained methods per page), which
 * carries no messages of its own: zod's English ones are loaded here, so an issue reads as it did.
 */
z.config({ jitless: true, ...en() });
