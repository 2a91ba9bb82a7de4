// The admin REST API (docs/api.md, "Admin API"): the center's configuration item by item (applied
// live through server/admin/config-service.ts), users, devices with pairing links and QR codes,
// and the audit log. Admins only (session cookie or bearer token).
import express from 'express';
import type { Request, Response, Router } from 'express';
import { keepsAnAdmin } from '@core/admin-config.ts';
import { MAX_PROCEDURES_CSV_BYTES, parseProceduresCsv } from '@core/procedures.ts';
import { isNationalLayout, parseNationalProceduresCsv } from '@core/procedures-national.ts';
import type { AdminUser, CreatedDevice, LinkAddress, MoveWaitingResult } from '@core/protocol.ts';
import {
  AdminCenterBodySchema, AdminConfigBodySchema, AdminCounterBodySchema, AdminCreateUserBodySchema, AdminDepartmentBodySchema, AdminMoveWaitingBodySchema,
  AdminPasswordBodySchema, AdminPriorityBodySchema, AdminRatingBodySchema, AdminServiceBodySchema, AdminUpdateUserBodySchema, AuditQuerySchema,
  CreateDeviceBodySchema,
} from '@core/protocol.ts';
import { ROLE_GROUPS } from '@core/protocol.ts';
import type { Logger } from 'pino';
import type { AccountService } from '../auth/accounts.ts';
import type { DeviceRecord, UserRecord } from '../auth/records.ts';
import type { Actor, ConfigService } from '../admin/config-service.ts';
import { AuditLog } from '../admin/audit-log.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { ackError } from '../refusals.ts';
import { deviceLink, requestOrigin } from './links.ts';
import { isLoopbackBase } from '@core/lan-origin.ts';
import { mountBackupRoutes } from './admin-backup-api.ts';
import type { BackupRoutesDeps } from './admin-backup-api.ts';
import { mountLobbyAdmin } from './admin-lobby-api.ts';
import type { LobbyAdminDeps } from './admin-lobby-api.ts';
import { mountLogoAdmin } from './logo-routes.ts';
import { mountPrinterAdmin } from './admin-printers-api.ts';
import type { PrinterAdminDeps } from './admin-printers-api.ts';
import { mountSynonymsAdmin } from './admin-synonyms-api.ts';
import { apiErrorHandler, configEditor, fail, parseOr400 } from './respond.ts';
import { requireRole, userOf } from './require-role.ts';

export type AdminApiDeps = BackupRoutesDeps & LobbyAdminDeps & PrinterAdminDeps & {
  accounts: AccountService;
  queue: Pick<QueueService, 'execute' | 'current'>;
  config: LiveConfig;
  configs: ConfigService;
  /** Closes every open screen of a user or a device at once (rights changed, token replaced). */
  disconnect: { user(id: string): void; device(id: string): void };
  logger: Logger;
};



/** The admin routes whose bodies may be larger than 16 KB (up to 1 MB). */
const LIST_BODIES = new Set(['/config', '/synonyms', '/center']);

const adminUser = (u: UserRecord): AdminUser => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled, counters: u.counters, createdAt: u.createdAt,
});

export function adminRouter(deps: AdminApiDeps): Router {
  const { accounts, queue, config, configs, disconnect } = deps;
  const api = express.Router();
  const actors = new WeakMap<Request, Actor>();
  api.use(requireRole(accounts, ROLE_GROUPS.admins), (req, res, next) => {
    const user = userOf(res);
    actors.set(req, { id: user.id, username: user.username });
    next();
  });
  mountBackupRoutes(api, deps, (req) => actors.get(req)!);
  // The procedure catalog arrives as the CSV file itself.
  api.post('/procedures', express.text({ type: ['text/csv', 'text/plain'], limit: MAX_PROCEDURES_CSV_BYTES }), async (req, res) => {
    if (typeof req.body !== 'string') return fail(res, 'VALIDATION_FAILED');
    const cfg = configs.current;
    // The national procedure database's export (field and agency by name) or the plain layout (codes).
    const parsed = isNationalLayout(req.body)
      ? parseNationalProceduresCsv(req.body, cfg)
      : parseProceduresCsv(req.body, { services: new Set(cfg.services.map((s) => s.code)), departments: new Set(cfg.departments.map((d) => d.code)) });
    if (!parsed.ok) {
      const issues = parsed.problems.slice(0, 50).map((p) => ({ path: `dòng ${p.line}`, message: p.message }));
      return res.status(400).json(ackError('PROCEDURES_INVALID', { count: parsed.problems.length }, issues));
    }
    await edit(req, res, { type: 'procedures:put', procedures: parsed.procedures });
  });
  // Admin bodies are held to the API's 16 KB (docs/api.md), but for the few that carry a whole
  // list: the configuration, the synonym dictionary, the center (GET /config sends its logo back).
  const itemBody = express.json({ limit: '16kb' });
  const listBody = express.json({ limit: '1mb' });
  api.use((req, res, next) => (LIST_BODIES.has(req.path) ? listBody : itemBody)(req, res, next));
  const actor = (req: Request) => actors.get(req)!;

  const edit = configEditor(configs, actor);
  const keyMatches = (res: Response, param: string, body: string) => {
    if (param === body) return true;
    fail(res, 'VALIDATION_FAILED');
    return false;
  };

  api.get('/config', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: configs.current });
  });
  api.put('/config', async (req, res) => {
    const config = parseOr400(AdminConfigBodySchema, req.body, res);
    if (config) await edit(req, res, { type: 'config:put', config });
  });
  api.put('/services/:code', async (req, res) => {
    const service = parseOr400(AdminServiceBodySchema, req.body, res);
    if (service && keyMatches(res, String(req.params.code), service.code)) await edit(req, res, { type: 'service:put', service });
  });
  api.delete('/services/:code', (req, res) => edit(req, res, { type: 'service:delete', code: String(req.params.code) }));
  // Before removing a service its waiting citizens go to another queue, keeping their place.
  api.post('/services/:code/move-waiting', async (req, res) => {
    const body = parseOr400(AdminMoveWaitingBodySchema, req.body, res);
    if (!body) return;
    const fromService = String(req.params.code);
    const who = actor(req);
    const result = await queue.execute({ type: 'move-waiting', fromService, toService: body.toService, by: who.id, note: body.note });
    if (!result.ok) return fail(res, result.code, result.params);
    const moved = result.events.filter((e) => e.type === 'ticket:transferred').length;
    const atCounters = Object.values(queue.current.tickets).filter((t) => t.serviceCode === fromService && (t.status === 'called' || t.status === 'serving')).length;
    await configs.record(who, 'queue:move-waiting', { target: fromService, before: { waiting: moved }, after: { toService: body.toService, moved, note: body.note } });
    const data: MoveWaitingResult = { moved, atCounters };
    res.json({ ok: true, data });
  });
  api.put('/departments/:code', async (req, res) => {
    const department = parseOr400(AdminDepartmentBodySchema, req.body, res);
    if (department && keyMatches(res, String(req.params.code), department.code)) await edit(req, res, { type: 'department:put', department });
  });
  api.delete('/departments/:code', (req, res) => edit(req, res, { type: 'department:delete', code: String(req.params.code) }));
  api.put('/counters/:number', async (req, res) => {
    const counter = parseOr400(AdminCounterBodySchema, req.body, res);
    if (counter && keyMatches(res, String(req.params.number), String(counter.number))) await edit(req, res, { type: 'counter:put', counter });
  });
  api.delete('/counters/:number', (req, res) => edit(req, res, { type: 'counter:delete', number: Number(req.params.number) }));
  api.put('/center', async (req, res) => {
    const center = parseOr400(AdminCenterBodySchema, req.body, res);
    if (center) await edit(req, res, { type: 'center:put', center });
  });
  api.put('/priority', async (req, res) => {
    const body = parseOr400(AdminPriorityBodySchema, req.body, res);
    if (body) await edit(req, res, { type: 'priority:put', ...body });
  });

  api.put('/rating', async (req, res) => {
    const rating = parseOr400(AdminRatingBodySchema, req.body, res);
    if (rating) await edit(req, res, { type: 'rating:put', rating });
  });

  mountLobbyAdmin(api, deps, actor);
  mountSynonymsAdmin(api, configs, actor);

  // Where QR codes and device links point for this admin's browser; the admin tab warns while
  // that is a loopback address (useless to a phone or another machine).
  api.get('/address', (req, res) => {
    const base = config.linkBase(requestOrigin(req));
    const data: LinkAddress = { base, loopback: isLoopbackBase(base), publicUrl: config.publicUrl, lanAddress: config.lanAddress };
    res.set('Cache-Control', 'no-store').json({ ok: true, data });
  });

  api.get('/users', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: accounts.users().map(adminUser) });
  });
  api.post('/users', async (req, res) => {
    const input = parseOr400(AdminCreateUserBodySchema, req.body, res);
    if (!input) return;
    if (accounts.users().some((u) => u.username === input.username)) return fail(res, 'USERNAME_TAKEN', { username: input.username }, 409);
    const user = await accounts.createUser(input);
    await configs.record(actor(req), 'user:create', { target: user.username, before: null, after: adminUser(user) });
    res.status(201).json({ ok: true, data: adminUser(user) });
  });
  api.patch('/users/:id', async (req, res) => {
    const patch = parseOr400(AdminUpdateUserBodySchema, req.body, res);
    if (!patch) return;
    const user = accounts.user(String(req.params.id));
    if (!user) return fail(res, 'NOT_FOUND');
    const next = { role: patch.role ?? user.role, disabled: patch.disabled ?? user.disabled };
    if (!keepsAnAdmin(accounts.users(), user.id, next)) return fail(res, 'LAST_ADMIN', {}, 409);
    const updated = (await accounts.updateUser(user.id, patch))!;
    // A disabled or demoted user's open screens lose their rights at once, not at the next reload.
    if (updated.disabled || updated.role !== user.role) disconnect.user(user.id);
    await configs.record(actor(req), updated.disabled && !user.disabled ? 'user:disable' : 'user:update', { target: user.username, before: adminUser(user), after: adminUser(updated) });
    res.json({ ok: true, data: adminUser(updated) });
  });
  api.post('/users/:id/password', async (req, res) => {
    const input = parseOr400(AdminPasswordBodySchema, req.body, res);
    if (!input) return;
    const user = accounts.user(String(req.params.id));
    if (!user || !(await accounts.setPassword(user.id, input.password))) return fail(res, 'NOT_FOUND');
    disconnect.user(user.id);
    await configs.record(actor(req), 'user:password', { target: user.username, before: null, after: null });
    res.json({ ok: true, data: adminUser(accounts.user(user.id)!) });
  });

  api.get('/devices', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: accounts.devices().map(({ tokenHash: _hidden, ...d }) => d) });
  });
  /** The token shown this once, as a pairing link and its QR code, and the audit line. */
  const pair = async (req: Request, { device, token }: { device: DeviceRecord; token: string }, action: string): Promise<CreatedDevice> => {
    const { tokenHash: _hidden, ...shown } = device;
    const link = deviceLink(config, req, device.kind, token);
    // qrcode (and its pngjs) loads when a device is first paired, not at every server start.
    const { default: QRCode } = await import('qrcode');
    const qr = await QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 256 });
    await configs.record(actor(req), action, { target: device.name, before: null, after: shown });
    return { device: shown, token, link, qr };
  };
  api.post('/devices', async (req, res) => {
    const input = parseOr400(CreateDeviceBodySchema, req.body, res);
    if (!input) return;
    if (input.kind === 'rating' && (input.counter === null || !config.index.counter.has(input.counter))) return fail(res, 'UNKNOWN_COUNTER');
    res.status(201).json({ ok: true, data: await pair(req, await accounts.createDevice(input), 'device:create') });
  });
  // Re-pairing a replaced tablet: a new token for the same device; the old one's screens disconnect.
  api.post('/devices/:id/token', async (req, res) => {
    const reissued = await accounts.reissueDeviceToken(String(req.params.id));
    if (!reissued) return fail(res, 'NOT_FOUND');
    disconnect.device(reissued.device.id);
    res.json({ ok: true, data: await pair(req, reissued, 'device:reissue') });
  });
  api.delete('/devices/:id', async (req, res) => {
    const before = accounts.device(String(req.params.id));
    const revoked = await accounts.revokeDevice(String(req.params.id));
    if (!before || !revoked) return fail(res, 'NOT_FOUND');
    disconnect.device(revoked.id);
    const { tokenHash: _a, ...after } = revoked;
    const { tokenHash: _b, ...was } = before;
    await configs.record(actor(req), 'device:revoke', { target: revoked.name, before: was, after });
    res.json({ ok: true, data: after });
  });

  api.get('/audit', async (req, res) => {
    const q = parseOr400(AuditQuerySchema, req.query, res);
    if (q) res.set('Cache-Control', 'no-store').json({ ok: true, data: await configs.audit.recent(q.limit) });
  });
  api.get('/audit.csv', async (_req, res) => {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="nhat-ky-quan-tri.csv"');
    res.setHeader('Cache-Control', 'no-store');
    res.send(AuditLog.csv(await configs.audit.recent(Number.MAX_SAFE_INTEGER)));
  });

  mountLogoAdmin(api, deps, actor);
  mountPrinterAdmin(api, deps, actor);
  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  api.use(apiErrorHandler(deps.logger, 'admin-api'));
  return api;
}
