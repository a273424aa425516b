import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { EXTENSION_DIR } from './harness';

// The approved permission list. Changing it means changing this snapshot AND the README's
// permissions table (checked below) — a reviewer sees both in the diff.
const APPROVED_PERMISSIONS = [
  'activeTab',
  'alarms',
  'contextMenus',
  'downloads',
  'scripting',
  'sidePanel',
  'storage',
];
const APPROVED_HOSTS = ['https://chatgpt.com/*', 'https://sora.chatgpt.com/*', 'https://videos.openai.com/*'];
// Optional: requested at the moment a feature needs them, one origin at a time, never at install.
const APPROVED_OPTIONAL = ['notifications'];
const APPROVED_OPTIONAL_HOSTS = ['http://*/*', 'https://*/*'];

const manifest = JSON.parse(readFileSync(resolve(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<
  string,
  unknown
>;
const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');

test('the built manifest asks for exactly the approved permissions', () => {
  expect([...((manifest.permissions as string[]) ?? [])].sort()).toEqual(APPROVED_PERMISSIONS);
  expect([...((manifest.host_permissions as string[]) ?? [])].sort()).toEqual(APPROVED_HOSTS);
  expect([...((manifest.optional_permissions as string[]) ?? [])].sort()).toEqual(APPROVED_OPTIONAL);
  expect([...((manifest.optional_host_permissions as string[]) ?? [])].sort()).toEqual(
    APPROVED_OPTIONAL_HOSTS,
  );
});

test('no broad, local or external access', () => {
  const all = JSON.stringify(manifest);
  expect(all).not.toContain('<all_urls>');
  expect(all).not.toMatch(/localhost|127\.0\.0\.1/);
  expect(manifest.externally_connectable).toEqual({ ids: [] });
  expect(manifest.web_accessible_resources ?? []).toEqual([]);
  expect(manifest.content_scripts ?? []).toEqual([]);
  // The default MV3 CSP (script-src 'self') applies when none is declared.
  expect(manifest.content_security_policy).toBeUndefined();
});

test('the README explains every permission and host', () => {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Permissions')) ?? '';
  for (const entry of [
    ...APPROVED_PERMISSIONS,
    ...APPROVED_HOSTS,
    ...APPROVED_OPTIONAL,
    ...APPROVED_OPTIONAL_HOSTS,
  ]) {
    expect(section, `README "Permissions" section must explain ${entry}`).toMatch(
      new RegExp(`\\|\\s*\`${entry.replace(/[.*]/g, '\\$&')}\`\\s*\\|[^|\\n]{10,}\\|`),
    );
  }
});
