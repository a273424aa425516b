import type { Page } from 'playwright-core';

/** Records every `data-status` each job row shows, in order, from inside the page. */
export async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __statuses: typeof seen }).__statuses = seen;
    const note = (el: Element): void => {
      const id = el.getAttribute('data-job-id');
      const status = el.getAttribute('data-status');
      if (!id || !status) return;
      const list = seen[id] ?? [];
      seen[id] = list;
      if (list[list.length - 1] !== status) list.push(status);
    };
    const scan = (): void => document.querySelectorAll('[data-testid="job-row"]').forEach(note);
    new MutationObserver(scan).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
    scan();
  });
}

/** The statuses recorded by `recordStatuses`, by job id. */
export function recordedStatuses(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => (window as unknown as { __statuses: Record<string, string[]> }).__statuses);
}

/** The `data-status` of every job row rendered, with the queue at full height (`tab-queue`) when the page has tabs. */
export async function rowStatuses(page: Page): Promise<string[]> {
  const tab = page.getByTestId('tab-queue');
  if ((await tab.count()) > 0 && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  return page
    .getByTestId('job-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status') ?? ''));
}
