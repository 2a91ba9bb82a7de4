import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Browser tests: Playwright driving Debian's Chromium against the real server and built apps.
export default defineConfig({
  resolve: { alias: { '@core': fileURLToPath(new URL('./core', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
