// Code run inside the browser through `evaluate` uses the real `chrome` global.
declare global {
  const chrome: typeof import('wxt/browser').Browser;
}

export {};
