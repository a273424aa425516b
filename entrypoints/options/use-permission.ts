import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** The browser's answer on an optional permission, kept current as it is granted or removed. */
export function usePermission(query: { permissions?: string[]; origins?: string[] } | null): boolean | null {
  const [granted, setGranted] = useState<boolean | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!query) return setGranted(null);
    const check = (): void =>
      void browser.permissions
        .contains(query as never)
        .then(setGranted)
        .catch(() => setGranted(false));
    check();
    browser.permissions.onAdded?.addListener(check);
    browser.permissions.onRemoved?.addListener(check);
    return () => {
      browser.permissions.onAdded?.removeListener(check);
      browser.permissions.onRemoved?.removeListener(check);
    };
  }, [key]);
  return granted;
}
