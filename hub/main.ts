// Entry point: `npm run hub`. Needs DATABASE_URL (PostgreSQL); brings the schema up to date, creates
// the hub's admin on an empty database (password printed once), and serves the hub's API and the
// province dashboard on its own port (HUB_PORT, default 4000).
import { fileURLToPath } from 'node:url';
import { hubRefusal } from '@core/text/hub.ts';
import { randomPassword } from '../server/auth/secrets.ts';
import { createLogger } from '../server/logger.ts';
import { createHub } from './app.ts';
import { createPool, migrate } from './db.ts';

const env = process.env;
const out = (line = '') => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  const url = env.DATABASE_URL;
  if (!url) {
    process.stderr.write(`${hubRefusal.NO_DATABASE.vi}\n${hubRefusal.NO_DATABASE.en}\n`);
    process.exit(2);
  }
  const logger = createLogger().child({ app: 'luot-hub' });
  const pool = createPool(url);
  pool.on('error', (err) => logger.error({ err }, 'database connection lost'));
  const applied = await migrate(pool, logger);
  if (applied.length > 0) logger.info({ applied }, 'schema migrated');
  const distDir = env.LUOT_DIST_DIR ?? fileURLToPath(new URL('../dist', import.meta.url));
  const hub = createHub({ pool, logger, distDir });
  let adminPassword: string | null = null;
  if ((await hub.users.count()) === 0) {
    adminPassword = env.HUB_ADMIN_PASSWORD || randomPassword();
    await hub.users.create({ username: 'admin', displayName: 'Quản trị tỉnh', role: 'admin', password: adminPassword });
  }
  const port = await hub.listen(Number(env.HUB_PORT ?? 4000), env.HUB_HOST ?? '0.0.0.0');
  out(`Máy chủ tỉnh Lượt / Lượt province hub running at http://localhost:${port}`);
  out(`  Bảng điều khiển / dashboard: http://localhost:${port}/province/`);
  if (adminPassword && !env.HUB_ADMIN_PASSWORD) out(`  Tài khoản quản trị / admin account: admin / ${adminPassword}  (chỉ hiện một lần / shown once)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hub.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`Máy chủ tỉnh không khởi động được / the province hub could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
