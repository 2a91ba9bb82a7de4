// Builds the server into plain JavaScript (dist-server/) with esbuild, so `npm start` does not
// compile TypeScript at every start (tsx took most of a 2–3 s start). One bundle per entry: the
// server, the print and plan worker threads, the voice worker process; node_modules stay external
// but zod (BUNDLED below).
// What the sources find next to themselves (`new URL('./x', import.meta.url)`) is copied next to
// the bundle: the workers' boots, the ticket fonts, the demo catalog. With --if-needed (npm start)
// it skips the build when dist-server/ is newer than every source file. LUOT_SERVER_OUT (a folder
// inside the repository, so node_modules resolve) builds elsewhere, for tests/server/compiled-start.
// Tests and benches keep running the TypeScript through tsx.
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// dist-server/server/ keeps the bundle's `new URL('../../dist', import.meta.url)` (server/http/pages.ts)
// pointing at the apps' dist/, as it does from the sources.
const BASE = join(root, process.env.LUOT_SERVER_OUT ?? 'dist-server');
const OUT = join(BASE, 'server');
const STAMP = join(BASE, '.built');
const SOURCES = ['server', 'core', 'printer', 'package.json', 'package-lock.json'];

function newestMtime(path: string): number {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestMtime(join(path, name))));
}

/**
 * Packages bundled in rather than loaded from node_modules: zod is ESM in ~80 files, and Node 20's
 * ESM loader pays for each (≈ 55 ms of CPU at every start, measured with a year of history). The
 * others stay external: native code, files read next to themselves, or CommonJS that would need a
 * require() shim in an ESM bundle.
 */
const BUNDLED = new Set(['zod']);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies?: Record<string, string> };
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies ?? {})]
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const ifNeeded = process.argv.includes('--if-needed');
if (ifNeeded && existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...SOURCES.map(newestMtime))) {
  process.stdout.write('Server is up to date (dist-server/).\n');
} else {
  process.stdout.write('Building the server (esbuild)…\n');
  await build({
    entryPoints: {
      main: join(root, 'server/main.ts'),
      'print-worker': join(root, 'server/printing/print-worker.ts'),
      'voice-worker': join(root, 'server/voice/voice-worker.ts'),
      'idle-worker': join(root, 'server/voice/idle-worker.ts'),
      'plan-worker': join(root, 'server/plan/plan-worker.ts'),
    },
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    alias: { '@core': join(root, 'core') },
    sourcemap: true,
    logLevel: 'warning',
  });
  // The boots the bundle starts its workers through (print-runner.ts, worker-client.ts): from the
  // sources they register tsx first; here the workers are JavaScript already.
  writeFileSync(join(OUT, 'print-worker-boot.mjs'), "await import('./print-worker.js');\n");
  // The voice worker, or with the argument `idle` its idle helper (as server/voice/spawn-worker.mjs).
  writeFileSync(join(OUT, 'spawn-worker.mjs'), "await import(process.argv[2] === 'idle' ? './idle-worker.js' : './voice-worker.js');\n");
  writeFileSync(join(OUT, 'boot-worker.mjs'), "await import('./plan-worker.js');\n");
  // server/seed/catalog/demo-catalog.ts reads the demo catalog next to itself.
  for (const name of readdirSync(join(root, 'server', 'seed', 'catalog'))) {
    if (!name.endsWith('.ts')) cpSync(join(root, 'server', 'seed', 'catalog', name), join(OUT, name));
  }
  // printer/layout.ts finds its fonts next to itself (`new URL('./fonts/', import.meta.url)`).
  cpSync(join(root, 'printer', 'fonts'), join(OUT, 'fonts'), { recursive: true });
  writeFileSync(STAMP, new Date().toISOString());
  process.stdout.write('Server built into dist-server/.\n');
}
