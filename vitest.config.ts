import { defineConfig } from 'vitest/config';

// Two environments: pure code runs in node; components in a DOM.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    // Some suites decode and render real images; a shared 2-core machine needs headroom.
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'e2e/fake-vlm/**/*.test.ts'],
          exclude: ['src/**/*.dom.test.ts', 'src/**/*.browser.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['src/**/*.dom.test.{ts,tsx}', 'src/**/*.test.tsx'],
        },
      },
    ],
  },
});
