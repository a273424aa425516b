/**
 * Every backend request is aborted after this long (docs/reliability.md §7): under Chrome's 30 s
 * fetch-response kill, so the extension, not the browser, decides what a timeout means.
 */
export const REQUEST_TIMEOUT_MS = 25_000;
