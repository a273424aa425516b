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
    permissions: [
      'storage',
      'alarms',
      'downloads',
      'sidePanel',
      'contextMenus',
      'notifications',
      'scripting',
    ],
    host_permissions: HOST_PERMISSIONS,
    side_panel: { default_path: 'sidepanel.html' },
    action: { default_title: '__MSG_extName__' },
    externally_connectable: { ids: [] },
  },
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
});
