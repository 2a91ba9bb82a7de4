// createApp(deps): the whole server, built from what it is given. main.ts gives it the real
// store, clock and logger; tests give it a temp folder and start it on port 0.
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Server } from 'socket.io';
import { CenterConfigSchema, indexConfig } from '@core/config.ts';
import type { AppDeps } from './deps.ts';
import type { AppContext, LuotServer } from './context.ts';
import { AccountService } from './auth/accounts.ts';
import { QueueService } from './queue/queue-service.ts';
import { newTicketId } from './queue/ids.ts';
import { attachRealtime } from './realtime/connection.ts';
import { attachBroadcaster } from './realtime/broadcaster.ts';
import { apiRouter } from './http/api.ts';
import { pagesRouter } from './http/pages.ts';

export interface LuotApp {
  ctx: AppContext;
  http: HttpServer;
  io: LuotServer;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<LuotApp> {
  const stored = await deps.store.readConfig();
  if (!stored) throw new Error('No center configuration in the store: seed it first (see server/seed).');
  const config = CenterConfigSchema.parse(stored);
  const index = indexConfig(config);
  const accounts = await AccountService.load(deps.store, deps.clock, deps.logger);
  const queue = await QueueService.open(deps.store, deps.clock, index, deps.logger);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const http = createServer(app);
  const io: LuotServer = new Server(http, {
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  const ctx: AppContext = {
    io, queue, accounts, store: deps.store, clock: deps.clock, logger: deps.logger,
    newId: deps.newId ?? (() => newTicketId(deps.clock.now())),
    publicUrl: deps.publicUrl ?? config.center.publicUrl ?? null,
    ratingTimeoutSec: deps.ratingTimeoutSec ?? 30,
  };
  app.use('/api', apiRouter(ctx));
  app.use(pagesRouter(ctx));
  attachRealtime(ctx);
  const broadcaster = attachBroadcaster(ctx);
  queue.startMidnightTimer();

  return {
    ctx, http, io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      });
    },
    async close() {
      broadcaster.close();
      await io.close(); // also closes the HTTP server
      await queue.close();
      await accounts.idle();
    },
  };
}
