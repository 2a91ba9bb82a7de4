// REST of the messages (docs/messages.md): admins read and save the settings (templates checked,
// refused in Vietnamese), and edit the opt-out list; any staff member can add a number a citizen
// asked to stop; managers read the figures and retry now; a gateway forwards replies ("TU CHOI",
// "STOP") to the inbound webhook with its key.
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Request, Router } from 'express';
import { z } from 'zod';
import { ROLE_GROUPS } from '@core/roles.ts';
import { maskPhone, normalisePhone, PhoneSchema } from '@core/messages/phone.ts';
import { applyBody, MessageSettingsBody, settingsProblems, settingsView } from '@core/messages/settings.ts';
import type { MessageSettings, OptOut } from '@core/messages/settings.ts';
import { withoutDiacritics } from '@core/messages/templates.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { Actor } from '../admin/config-service.ts';
import { apiErrorHandler, fail, parseOr400 } from '../http/respond.ts';
import { principalOf, requireRole } from '../http/require-role.ts';
import type { Logger } from 'pino';
import type { MessageCenter } from './message-center.ts';

export interface MessageRoutesDeps {
  accounts: PrincipalLookup;
  messages: MessageCenter;
  now: () => number;
  audit: (actor: Actor, action: string, what: { target: string; before: unknown; after: unknown }) => Promise<void>;
  logger: Logger;
}

const OptOutBody = z.strictObject({ phone: PhoneSchema });
/** What gateways send for a reply, under the names they use most. */
const InboundBody = z.object({
  phone: z.string().max(30).optional(), from: z.string().max(30).optional(), msisdn: z.string().max(30).optional(), sender: z.string().max(30).optional(),
  text: z.string().max(1000).optional(), message: z.string().max(1000).optional(), content: z.string().max(1000).optional(),
});
/** "TU CHOI", "Từ chối", "tuchoi", "STOP", "HUY" (as the first words of a reply). */
const OPT_OUT_REPLY = /^(TU ?CHOI|STOP|HUY)\b/;

function sameKey(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const forAudit = (s: MessageSettings) => {
  const { optOuts: _optOuts, ...rest } = settingsView(s);
  return rest;
};

export function messagesRouter(deps: MessageRoutesDeps): Router {
  const { accounts, messages } = deps;
  const api = express.Router();
  api.use(express.json({ limit: '64kb' }));
  api.use(express.urlencoded({ extended: false, limit: '16kb' }));
  const actor = (req: Request, res: express.Response): Actor => {
    const p = principalOf(res);
    return p.kind === 'user' ? { id: p.user.id, username: p.user.username } : { id: p.device.id, username: p.device.name };
  };

  api.get('/settings', requireRole(accounts, ROLE_GROUPS.admins), (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: settingsView(messages.settings.current) });
  });

  api.put('/settings', requireRole(accounts, ROLE_GROUPS.admins), async (req, res) => {
    const body = parseOr400(MessageSettingsBody, req.body, res);
    if (!body) return;
    const before = messages.settings.current;
    const next = applyBody(before, body);
    const problems = settingsProblems(next);
    if (problems.length > 0) {
      return res.status(400).json({
        ok: false, code: 'VALIDATION_FAILED', message: `Chưa lưu cấu hình tin nhắn: ${problems[0]!.message}`,
        messageEn: `Message settings not saved: ${problems.length} problem(s), see issues`, issues: problems.slice(0, 20),
      });
    }
    await messages.saveSettings(next);
    await deps.audit(actor(req, res), 'messages:settings', { target: 'messages', before: forAudit(before), after: forAudit(next) });
    res.json({ ok: true, data: settingsView(next) });
  });

  const addOptOut = async (phone: string, via: OptOut['via']): Promise<boolean> => {
    const s = messages.settings.current;
    if (s.optOuts.some((o) => o.phone === phone)) return false;
    await messages.saveSettings({ ...s, optOuts: [...s.optOuts, { phone, at: deps.now(), via }] });
    return true;
  };

  api.post('/opt-outs', requireRole(accounts, ROLE_GROUPS.staff), async (req, res) => {
    const body = parseOr400(OptOutBody, req.body, res);
    if (!body) return;
    if (await addOptOut(body.phone, 'admin')) {
      await deps.audit(actor(req, res), 'messages:opt-out', { target: maskPhone(body.phone), before: null, after: 'opted-out' });
    }
    res.json({ ok: true, data: settingsView(messages.settings.current).optOuts });
  });

  api.delete('/opt-outs/:phone', requireRole(accounts, ROLE_GROUPS.admins), async (req, res) => {
    const phone = normalisePhone(String(req.params.phone));
    if (!phone) return fail(res, 'NOT_FOUND');
    const s = messages.settings.current;
    if (!s.optOuts.some((o) => o.phone === phone)) return fail(res, 'NOT_FOUND');
    await messages.saveSettings({ ...s, optOuts: s.optOuts.filter((o) => o.phone !== phone) });
    await deps.audit(actor(req, res), 'messages:opt-in', { target: maskPhone(phone), before: 'opted-out', after: null });
    res.json({ ok: true, data: messages.settings.current.optOuts });
  });

  api.get('/status', requireRole(accounts, ROLE_GROUPS.managers), (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: messages.status() });
  });

  api.post('/retry', requireRole(accounts, ROLE_GROUPS.managers), (_req, res) => {
    res.json({ ok: true, data: messages.retryNow() });
  });

  // A gateway's machine, not a person: authenticated by the inbound key the admin set.
  api.post('/inbound', async (req, res) => {
    const expected = messages.settings.current.inboundKey;
    if (!expected) return fail(res, 'NOT_FOUND');
    const h = req.headers.authorization;
    const given = h?.startsWith('Bearer ') ? h.slice(7).trim() : String(req.headers['x-api-key'] ?? req.query.key ?? '');
    if (!given || !sameKey(given, expected)) return fail(res, 'UNAUTHENTICATED');
    const body = parseOr400(InboundBody, req.body ?? {}, res);
    if (!body) return;
    const phone = normalisePhone(body.phone ?? body.from ?? body.msisdn ?? body.sender ?? '');
    const text = withoutDiacritics(body.text ?? body.message ?? body.content ?? '').toUpperCase().trim().replace(/\s+/g, ' ');
    if (!phone) return res.status(400).json({ ok: false, code: 'VALIDATION_FAILED', message: 'Thiếu số điện thoại người gửi hoặc số không hợp lệ', messageEn: 'The sender’s phone number is missing or invalid' });
    const optOut = OPT_OUT_REPLY.test(text);
    if (optOut && (await addOptOut(phone, 'reply'))) deps.logger.info({ module: 'messages', to: maskPhone(phone) }, 'a citizen replied to stop messages');
    res.json({ ok: true, data: { optedOut: optOut } });
  });

  api.use(apiErrorHandler(deps.logger, 'messages'));
  return api;
}
