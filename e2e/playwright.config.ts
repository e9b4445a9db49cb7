import { defineConfig } from '@playwright/test';
// Debian's Chromium, never a Playwright-downloaded browser. Playwright gives every launch a fresh, empty
// profile directory (it refuses --user-data-dir in args); the flags keep Chromium off the closed network.
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  workers: 1,
  retries: 0,
  outputDir: '../test-results',
  use: {
    browserName: 'chromium',
    // The sidebar follows the browser's language: the specs read English unless they choose another.
    locale: 'en-US',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
});
