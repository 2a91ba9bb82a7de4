import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { patient } from './tests/helpers/patience.ts';

// Browser tests: Playwright driving Debian's Chromium against the real server and built apps.
export default defineConfig({
  resolve: { alias: { '@core': fileURLToPath(new URL('./core', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One file at a time: two at once (each its own server and browser) took 421 s against 437–469 s on
    // the 2-core machine: the browsers are CPU-bound, so it bought ~10 % for more contention in every test.
    fileParallelism: false,
    // As the unit tests' (vitest.config.ts): limits only matter on a machine shared with other work.
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // expect.poll gives up after 1 s by default: a test that waits for a screen or a socket to
    // catch up would fail on a busy machine for no fault of the code. 10 s, stretched by PATIENCE.
    expect: { poll: { timeout: patient(10_000) } },
    pool: 'forks',
    // As the unit tests' (vitest.config.ts): the server's modules are imported once, not per file.
    isolate: false,
  },
});
