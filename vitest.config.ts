import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { patient } from './tests/helpers/patience.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // The apps' state classes (*.svelte.ts) use runes: the svelte plugin compiles them for the unit tests.
  plugins: [svelte()],
  resolve: { alias: { '@core': here('./core'), '@ui': here('./ui') } },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Generous: tests wait on events, and these limits only matter on a machine shared with other
    // work (tests/helpers/patience.ts stretches the waits inside tests the same way).
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // expect.poll gives up after 1 s by default: a test that waits for a screen or a socket to
    // catch up would fail on a busy machine for no fault of the code. 10 s, stretched by PATIENCE.
    expect: { poll: { timeout: patient(10_000) } },
    pool: 'forks',
    // Most suites wait on sockets, fsync and child processes, not the CPU: two files at a time on a
    // 2-core machine took the run from 529 s to 407 s with every test green (they wait on events).
    maxWorkers: 2,
    // Each file in a fresh process re-imported the server's whole graph: ~0.9 s a file, 123 s of
    // the run. Shared, a worker imports it once: 325 s → 241 s, every test green. Nothing in the
    // server is a module-level singleton (DESIGN.md), and each file starts its own servers.
    isolate: false,
  },
});
