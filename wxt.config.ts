import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { SORA_HOST_PATTERNS } from './lib/sora/declared';

/** Hosts the extension talks to: the Sora app, chatgpt.com (Sentinel SDK) and the media CDN. */
export const HOST_PERMISSIONS: string[] = [...SORA_HOST_PATTERNS];

/**
 * MV3 forbids remote and generated code, and the store rejects bundles that contain it. Two libraries
 * carry code generators the extension never needs; they are cut out here at build time so no code path
 * to them exists (e2e/security-bundle.e2e.ts parses the built files and fails on any that remain):
 * - zod 4 compiles object schemas with `new Function` (Doc.compile) after probing for it (allowsEval).
 *   `lib/zod-config.ts` also turns the JIT off at run time (`jitless`), so the interpreter is used.
 * - papaparse can start a Worker from a Blob of its own source; we never use its `worker` option.
 * A rewrite whose pattern is missing (a library update) fails the build instead of shipping the code.
 */
const NO_DYNAMIC_CODE: { file: RegExp; from: RegExp; to: string }[] = [
  {
    file: /\/zod\/v4\/core\/doc\.js$/,
    from: /compile\(\) \{[\s\S]*?\n {4}\}/,
    to: 'compile() { throw new Error("zod code generation is disabled (MV3)."); }',
  },
  {
    file: /\/zod\/v4\/core\/util\.js$/,
    from: /try \{\s*const F = Function;\s*new F\(""\);\s*return true;\s*\}\s*catch \(_\) \{\s*return false;\s*\}/,
    to: 'return false;',
  },
  {
    file: /\/papaparse\/papaparse\.js$/,
    from: /function getWorkerBlob\(\) \{[\s\S]*?\n\t\}/,
    to: 'function getWorkerBlob() { throw new Error("papaparse workers are disabled (MV3)."); }',
  },
  {
    file: /\/papaparse\/papaparse\.js$/,
    from: /function newWorker\(\)\s*\{[\s\S]*?\n\t\}/,
    to: 'function newWorker() { return false; }',
  },
  {
    file: /\/papaparse\/papaparse\.js$/,
    from: /Papa\.WORKERS_SUPPORTED = [^;]+;/,
    to: 'Papa.WORKERS_SUPPORTED = false;',
  },
];

function noDynamicCode(): Plugin {
  return {
    name: 'sora-companion:no-dynamic-code',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0]!.replace(/\\/g, '/');
      const rules = NO_DYNAMIC_CODE.filter((rule) => rule.file.test(path));
      if (rules.length === 0) return null;
      let out = code;
      for (const rule of rules) {
        if (!rule.from.test(out)) this.error(`no-dynamic-code: ${rule.from} not found in ${path}`);
        out = out.replace(rule.from, rule.to);
      }
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Each entry is explained in the README's Permissions table; e2e/manifest.e2e.ts holds the snapshot.
    permissions: ['storage', 'alarms', 'downloads', 'sidePanel', 'scripting', 'contextMenus', 'activeTab'],
    host_permissions: HOST_PERMISSIONS,
    // Asked for only when the user turns the feature on: notifications, and the origin of the
    // webhook URL they enter.
    optional_permissions: ['notifications'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    side_panel: { default_path: 'sidepanel.html' },
    // Keyboard shortcuts (chrome://extensions/shortcuts); handled in lib/background/commands.ts.
    commands: {
      'open-side-panel': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandOpen__' },
      'queue-selection': {
        suggested_key: { default: 'Alt+Shift+Q' },
        description: '__MSG_commandQueueSelection__',
      },
      'toggle-pause': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: '__MSG_commandTogglePause__',
      },
    },
    action: { default_title: '__MSG_extName__' },
    externally_connectable: { ids: [] },
  },
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    // The readable build (its `browser` field points at a minified one the rewrites cannot read).
    resolve: { alias: { papaparse: 'papaparse/papaparse.js' } },
    plugins: [noDynamicCode()],
  }),
});
