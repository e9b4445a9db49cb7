// What every spec (and bench) that drives the web edition's sidebar needs: the built sidebar, and Stop as
// the agent does it (Stop ends co-browse for the customer too, so it asks first, naming the session), in
// the language the sidebar shows (its catalog).
import { expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import en from '../../renderer/src/i18n/messages/en.json' with { type: 'json' };

export type Catalog = Record<string, string>;
/** A message's words up to its session ID: what a name starting with them is matched by. */
const upToId = (message: string | undefined) =>
  new RegExp(`^${message!.split('{id}')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** The specs serve out/renderer: say how to build it instead of failing on a blank page. */
export function requireBuiltSidebar(): void {
  if (!existsSync('out/renderer/index.html'))
    throw new Error('out/renderer is missing: run `npm run build:renderer` first (npm test does)');
}

/** Stop, then its confirmation; `naming` is text the confirmation must show (e.g. `session 123 456 789`). */
export async function stopSession(page: Page, naming?: string, words: Catalog = en): Promise<void> {
  await page.getByRole('button', { name: upToId(words['join.stopLabel']) }).click();
  const confirm = page.getByRole('group', { name: words['join.confirmLabel'] });
  if (naming) await expect(confirm).toContainText(naming);
  await confirm.getByRole('button', { name: upToId(words['join.confirmYes']) }).click();
}
