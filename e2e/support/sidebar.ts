// What every spec (and bench) that drives the web edition's sidebar needs: the built sidebar, and Stop as
// the agent does it (Stop ends co-browse for the customer too, so it asks first, naming the session).
import { expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';

/** The specs serve out/renderer: say how to build it instead of failing on a blank page. */
export function requireBuiltSidebar(): void {
  if (!existsSync('out/renderer/index.html'))
    throw new Error('out/renderer is missing: run `npm run build:renderer` first (npm test does)');
}

/** Stop, then its confirmation; `naming` is text the confirmation must show (e.g. `session 123 456 789`). */
export async function stopSession(page: Page, naming?: string): Promise<void> {
  await page.getByRole('button', { name: /^Stop session/ }).click();
  const confirm = page.getByRole('group', { name: 'Confirm Stop' });
  if (naming) await expect(confirm).toContainText(naming);
  await confirm.getByRole('button', { name: /^Yes, end session/ }).click();
}
