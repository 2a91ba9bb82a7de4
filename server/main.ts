// Entry point: `npm start`. Reads the environment, seeds the demo center on an empty data
// folder, starts the server and prints where everything is.
import { resolve } from 'node:path';
import { startSupervised } from './supervisor.ts';
import { systemClock } from './deps.ts';
import { createLogger } from './logger.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { seedIfEmpty } from './seed/first-start.ts';
import { startBanner } from './start-banner.ts';
import { lanAddresses } from './net/lan.ts';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '0.0.0.0';
const dataDir = resolve(env.DATA_DIR ?? 'data');
const logger = createLogger();
const out = (line = '') => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  const started = performance.now();
  const store = new LowdbStore(dataDir);
  const lan = lanAddresses();
  const listensOnLan = host !== '127.0.0.1' && host !== 'localhost' && host !== '::1';
  const credentials = await seedIfEmpty(store, systemClock, logger, {
    adminPassword: env.ADMIN_PASSWORD || undefined,
    alwaysOpen: env.DEMO_ALWAYS_OPEN === '1',
    demo: env.DEMO !== '0',
    // first-start.txt's device links: where other devices reach this server, when it is known.
    base: env.PUBLIC_URL || (listensOnLan && lan[0] && port !== 0 ? `http://${lan[0]}:${port}` : null),
  });
  // Under a supervisor: a restore from the admin screens restarts the app in-process, on this port.
  // QR codes and links use the LAN address when no public address is set (core/lan-origin.ts).
  const supervisor = await startSupervised({ store, clock: systemClock, logger, publicUrl: env.PUBLIC_URL || null, lanAddress: lan[0] ?? null, warmVoiceProgram: true }, {
    port, host,
    // The data folder is as the restore left it; a service manager starting us again picks it up.
    onFatal: () => process.exit(1),
  });
  const actualPort = supervisor.port;
  const lanBases = listensOnLan ? lan.map((a) => `http://${a}:${actualPort}`) : [];
  const base = env.PUBLIC_URL || lanBases[0] || `http://localhost:${actualPort}`;
  logger.info({ port: actualPort, dataDir, lan, startMs: Math.round(performance.now() - started) }, 'listening');
  for (const line of startBanner({ base, credentials, lanBases, listensOnLan, host, publicUrl: env.PUBLIC_URL || null, dataDir })) out(line);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await supervisor.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'could not start');
  process.exit(1);
});
