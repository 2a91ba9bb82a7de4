// Backup and restore in the admin API (docs/api.md, "Backup and restore"). A restore is checked
// whole, staged with its own audit line, and, when the server runs under server/supervisor.ts,
// applied at once by an in-process restart asked for only after the answer has left: the admin
// hears "restarting" before the connection goes away.
import express from 'express';
import type { Request, Router } from 'express';
import type { BackupBundle } from '@core/backup.ts';
import { checkBackup } from '@core/backup.ts';
import type { AuditEntry } from '@core/protocol.ts';
import type { Logger } from 'pino';
import type { Actor, ConfigService } from '../admin/config-service.ts';
import type { Clock } from '../deps.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/store.ts';
import { readBackup, stageRestore } from '../admin/backup.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { fail } from './respond.ts';

/** Years of days in one bundle: the restore's own, larger limit than the API's. */
export const MAX_RESTORE_BYTES = '64mb';


export interface BackupRoutesDeps {
  store: Store;
  queue: Pick<QueueService, 'current'>;
  configs: Pick<ConfigService, 'record'>;
  clock: Clock;
  logger: Logger;
  /** Restart the app in-process (server/supervisor.ts); absent, a restore applies at the next start. */
  requestRestart?: () => void;
}

/** Mounted before the admin API's general JSON parser, whose limit is far smaller. */
export function mountBackupRoutes(api: Router, deps: BackupRoutesDeps, actorOf: (req: Request) => Actor): void {
  const { store, configs, clock } = deps;
  // Set from the moment a restore is accepted: a second one (a double click, a second admin) must
  // not re-stage the folder while the first is being staged or applied. Without a restart the
  // flag drops once staged, and a later restore replaces the staged one, as before.
  let restoring = false;

  api.post('/restore', express.json({ limit: MAX_RESTORE_BYTES }), async (req, res) => {
    if (!(store instanceof LowdbStore)) return fail(res, 'NOT_FOUND');
    const reason = checkBackup(req.body);
    if (reason) return fail(res, 'BACKUP_INVALID', { reason }, 400);
    if (restoring) return fail(res, 'RESTORE_IN_PROGRESS');
    restoring = true;
    const bundle = req.body as BackupBundle;
    const files = Object.keys(bundle.files).length;
    const entry: AuditEntry = {
      at: clock.now(), actor: actorOf(req), action: 'backup:restore',
      target: `${files} tệp`, before: null, after: { createdAt: bundle.createdAt },
    };
    try {
      await stageRestore(store.dataDir, bundle, entry.at, entry);
    } catch (err) {
      restoring = false;
      throw err;
    }
    // Also in the log being replaced, so data/restore-previous/audit.jsonl ends with it too.
    await configs.record(entry.actor, entry.action, { target: entry.target, before: entry.before, after: entry.after });
    const restart = deps.requestRestart;
    if (!restart) {
      restoring = false;
      return res.json({ ok: true, data: { files, appliesAtRestart: true } });
    }
    // 'close' follows 'finish' (the answer handed to the OS), and also comes when the admin's
    // connection dropped first: the staged restore is applied either way.
    res.once('close', () => {
      deps.logger.warn({ module: 'backup', files }, 'restore staged: restarting to apply it');
      restart();
    });
    res.json({ ok: true, data: { files, restarting: true } });
  });

  api.get('/backup', async (req, res) => {
    if (!(store instanceof LowdbStore)) return fail(res, 'NOT_FOUND');
    await configs.record(actorOf(req), 'backup:download', { target: 'data', before: null, after: null });
    const bundle = await readBackup(store.dataDir, clock.now());
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="luot-sao-luu-${deps.queue.current.day}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(JSON.stringify(bundle));
  });
}
