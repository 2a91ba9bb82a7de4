// Builds the apps with Vite. With --if-needed (npm start) it skips the build when dist/ is newer
// than every source file of the apps, so a restart is fast.
import { build } from 'vite';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(process.env.LUOT_DIST_DIR ?? join(root, 'dist'), '.built');
const SOURCES = ['core', 'ui', 'kiosk', 'counter', 'display', 'manager', 'province', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestMtime(join(path, name))));
}

const ifNeeded = process.argv.includes('--if-needed');
if (ifNeeded && existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...SOURCES.map(newestMtime))) {
  process.stdout.write('Apps are up to date (dist/).\n');
} else {
  process.stdout.write('Building the apps (vite)…\n');
  await build({ root, logLevel: 'warn', configFile: join(root, 'vite.config.ts') });
  writeFileSync(STAMP, new Date().toISOString());
  process.stdout.write('Apps built into dist/.\n');
}
