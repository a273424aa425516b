import { defineConfig } from 'wxt';

/** Hosts the extension talks to: the Sora app, chatgpt.com (Sentinel SDK) and the media CDN. */
export const HOST_PERMISSIONS = [
  'https://sora.chatgpt.com/*',
  'https://chatgpt.com/*',
  'https://videos.openai.com/*',
];

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
  }),
});
