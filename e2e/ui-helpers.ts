import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page (serious and critical only), as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Runtime.evaluate is not subject to the page's CSP (script-src 'self'), unlike an injected tag.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

/** Light and dark screenshots of a page into `dir` (`<name>-light.png`, `<name>-dark.png`). */
export async function screenshots(page: Page, dir: string, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: resolve(dir, `${name}-${theme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
