// axe-core's WCAG 2.1 A/AA rules run in a page, shared by the specs that check accessibility.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Evaluated rather than added as a script tag: the sidebar's CSP (rightly) refuses inline scripts.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Violations as `rule (impact): target` lines, so a failure names what to fix. Run in the sidebar's own
 * document only: the agent page inside the frame is the Co-browse Server's (in production Genesys'), not ours.
 */
export async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  // A page script (a string: this file is type-checked without the DOM library).
  return page.evaluate<string[]>(`axe
    .run(document, { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.flatMap((v) => v.nodes.map((n) => v.id + ' (' + v.impact + '): ' + n.target.join(' '))))`);
}
