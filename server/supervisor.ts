// Owns the running app and can restart it in-process on the same port: close everything (sockets,
// HTTP, the queue's journal, accounts), then createApp again, which applies a staged restore before
// reading anything (server/admin/backup.ts). Screens see a dropped connection for about a second
// and reconnect by themselves; their snapshot on reconnect shows the restored data.
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppDeps } from './deps.ts';
import { createApp } from './app.ts';
import type { LuotApp } from './app.ts';

/** How long requests already under way may take to finish before their connections are cut. */
const DRAIN_MS = 3_000;
/** Same port again: the old listening socket is released by the OS a moment after close. */
const LISTEN_ATTEMPTS = 40;
const LISTEN_RETRY_MS = 50;

export interface SupervisorOptions {
  port: number;
  host?: string;
  /** A restart that could not bring the app back (e.g. the port was taken): the process should end. */
  onFatal?: (err: unknown) => void;
}

export interface Supervisor {
  /** The app running now (during a restart, the one being closed or the one starting). */
  readonly app: LuotApp;
  readonly port: number;
  /** Restarts completed since start. */
  readonly restarts: number;
  /** Close the app and start it again; calls during a restart share the one under way. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startSupervised(deps: AppDeps, options: SupervisorOptions): Promise<Supervisor> {
  const log = deps.logger.child({ module: 'supervisor' });
  let port = options.port;
  let restarts = 0;
  let underway: Promise<void> | null = null;
  let closed = false;
  /** False between a stop and a successful start: nothing to close then. */
  let running = false;
  let current: LuotApp;

  const requestRestart = () => {
    supervisor.restart().catch((err: unknown) => {
      log.fatal({ err }, 'the app could not be restarted');
      options.onFatal?.(err);
    });
  };

  async function boot(): Promise<LuotApp> {
    const app = await createApp({ ...deps, requestRestart });
    current = app;
    for (let attempt = 1; ; attempt += 1) {
      try {
        port = await app.listen(port, options.host);
        running = true;
        return app;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= LISTEN_ATTEMPTS) {
          await app.close().catch(() => {});
          throw err;
        }
        await sleep(LISTEN_RETRY_MS);
      }
    }
  }

  async function stop(app: LuotApp): Promise<void> {
    running = false;
    // 'close' comes once the listener is shut and every connection has ended.
    const drained = new Promise<void>((resolve) => app.http.once('close', () => resolve()));
    await app.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise<void>((resolve) => { timer = setTimeout(resolve, DRAIN_MS); })]);
    clearTimeout(timer);
    app.http.closeAllConnections();
    // Closed accounts and queue refuse changes from requests still running, so nothing can be
    // written over the files a restore is about to put in place; wait for a write under way.
    await app.parts.accounts.idle();
  }

  current = await boot();
  log.info({ port }, 'app started');

  const supervisor: Supervisor = {
    get app() { return current; },
    get port() { return port; },
    get restarts() { return restarts; },
    restart() {
      if (closed) return Promise.resolve(); // shutting down: the staged restore applies at the next start
      underway ??= (async () => {
        const started = performance.now();
        log.info('restarting the app');
        await stop(current);
        await boot();
        restarts += 1;
        log.info({ port, restartMs: Math.round(performance.now() - started) }, 'app restarted');
      })().finally(() => { underway = null; });
      return underway;
    },
    async close() {
      closed = true;
      if (underway) await underway.catch(() => {});
      if (running) await stop(current);
    },
  };
  return supervisor;
}
