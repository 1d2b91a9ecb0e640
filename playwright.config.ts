import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper without types
import { findBrowser } from './scripts/find-browser.mjs';

const executablePath: string | undefined = process.env.CHROMIUM_PATH || findBrowser();
// Ports can be moved so several checkouts can test side by side.
const PREVIEW_PORT = Number(process.env.PREVIEW_PORT ?? 4173);
const FAKE_VLM_PORT = Number(process.env.FAKE_VLM_PORT ?? 4174);

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // On CI a test that fails gets one more try; the summary names every test that needed it.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json']],
  use: {
    baseURL: `http://127.0.0.1:${PREVIEW_PORT}`,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath,
      // Some ports (e.g. 4190) are on the browser's unsafe-port list; allow ours explicitly.
      args: [`--explicitly-allowed-ports=${PREVIEW_PORT},${FAKE_VLM_PORT}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `npx vite preview --port ${PREVIEW_PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${PREVIEW_PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx tsx e2e/fake-vlm/server.ts --port ${FAKE_VLM_PORT}`,
      url: `http://127.0.0.1:${FAKE_VLM_PORT}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
