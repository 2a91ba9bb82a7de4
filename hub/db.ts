// The hub's PostgreSQL: one pool, and the schema brought up to date at start by node-pg-migrate
// (plain SQL files in hub/migrations, applied in order, each in a transaction, under an advisory lock
// so two hubs starting together do not race).
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import type { Logger } from 'pino';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export function createPool(databaseUrl: string): pg.Pool {
  // Dates as text: a day is a local calendar day, not an instant to be shifted by the process's zone.
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  return new pg.Pool({ connectionString: databaseUrl, max: 10 });
}

export async function migrate(pool: pg.Pool, logger: Logger): Promise<string[]> {
  const client = await pool.connect();
  try {
    const log = logger.child({ module: 'migrations' });
    const done = await runner({
      dbClient: client, dir: MIGRATIONS_DIR, direction: 'up', migrationsTable: 'hub_migrations',
      singleTransaction: true, checkOrder: true,
      logger: { info: (m: string) => log.debug(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m), debug: () => {} },
    });
    return done.map((m) => m.name);
  } finally {
    client.release();
  }
}
