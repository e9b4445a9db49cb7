// The README, the folder READMEs and docs/ link only to files inside the repo, and each of those exists:
// a fresh clone must not point at anything it does not have.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const docs = [
  'README.md',
  ...readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'README.md')))
    .map((e) => `${e.name}/README.md`),
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
// Markdown links and images: [text](target) and ![alt](target).
const LINK = /!?\[[^\]]*\]\(([^)\s]+)\)/g;

describe('documentation links', () => {
  it('every top-level folder has a README', () => {
    const generated = ['node_modules', 'out', 'dist', 'test-results', 'playwright-report']; // .gitignore
    const folders = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !generated.includes(e.name))
      .map((e) => e.name);
    expect(folders.filter((f) => !existsSync(join(root, f, 'README.md')))).toEqual([]);
  });

  it.each(docs)('%s links only to files in the repo that exist', (doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    const bad = [...text.matchAll(LINK)]
      .map((m) => (m[1] ?? '').split('#')[0] ?? '')
      .filter((target) => target !== '')
      .filter((target) => {
        const file = join(root, dirname(doc), target);
        return /^[a-z]+:/i.test(target) || relative(root, file).startsWith('..') || !existsSync(file);
      });
    expect(bad).toEqual([]);
  });
});
