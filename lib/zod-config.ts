import { z } from 'zod';

/**
 * Imported first by every entrypoint, before any schema is built. zod 4 otherwise compiles object
 * schemas with `new Function`, which MV3's CSP forbids and which this extension must not ship at all
 * (wxt.config.ts also strips the code generator from the bundle; e2e/security-bundle.e2e.ts checks both).
 */
z.config({ jitless: true });
