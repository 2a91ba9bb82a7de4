// The site's REST calls about its province link (docs/hub.md): an admin enrols the site with the
// hub's address and the one-time token the hub's admin gave, or unlinks it; managers and admins read
// the link's state. Bodies checked by zod; refusals in the shared shape, Vietnamese first.
import express from 'express';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { EnrolResponse } from '@core/hub-protocol.ts';
import { fill } from '@core/i18n.ts';
import { hubLinkText } from '@core/text/hub.ts';
import type { UserRecord } from '../auth/records.ts';
import { sessionTokenFromCookie } from '../http/cookies.ts';
import { fail, parseOr400 } from '../http/respond.ts';
import type { LinkStatus } from './link-state.ts';
import { HubAddress } from './settings.ts';
import type { HubLinkConfig } from './settings.ts';

export const EnrolBody = z.object({ url: HubAddress, token: z.string().trim().min(20, 'Mã đăng ký quá ngắn').max(200) });

export interface HubLinkRoutesDeps {
  userBySession: (token: string) => UserRecord | null;
  status: () => LinkStatus;
  /** Saves the link and starts using it; resolves once durable. */
  link: (config: HubLinkConfig | null, by: UserRecord) => Promise<void>;
  now: () => number;
  timeoutMs?: number;
}

export function hubLinkRouter(deps: HubLinkRoutesDeps): Router {
  const api = express.Router();
  api.use(express.json({ limit: '16kb' }));
  const user = (req: Request, res: Response, roles: UserRecord['role'][]): UserRecord | null => {
    const h = req.headers.authorization;
    const token = h?.startsWith('Bearer ') ? h.slice(7).trim() : sessionTokenFromCookie(req.headers.cookie);
    const u = token ? deps.userBySession(token) : null;
    if (!u) { fail(res, 'UNAUTHENTICATED', {}, 401); return null; }
    if (!roles.includes(u.role)) { fail(res, 'FORBIDDEN', {}, 403); return null; }
    return u;
  };

  api.get('/status', (req, res) => {
    if (!user(req, res, ['manager', 'admin'])) return;
    res.json({ ok: true, data: deps.status() });
  });

  api.post('/enrol', async (req, res) => {
    const u = user(req, res, ['admin']);
    if (!u) return;
    const body = parseOr400(EnrolBody, req.body, res);
    if (!body) return;
    const refuseWith = (status: number, detail: string) => res.status(status).json({
      ok: false, code: 'HUB_ENROL_FAILED',
      message: fill(hubLinkText.enrolFailed.vi, { detail }, 'vi'), messageEn: fill(hubLinkText.enrolFailed.en, { detail }, 'en'),
    });
    let answer: Response | globalThis.Response;
    try {
      answer = await fetch(`${body.url}/api/hub/enrol`, {
        method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
        headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: body.token }),
      });
    } catch {
      return refuseWith(502, `không kết nối được ${body.url} / ${body.url} unreachable`);
    }
    const json = (await answer.json().catch(() => null)) as { ok?: boolean; data?: unknown; message?: string } | null;
    if (!answer.ok || !json?.ok) return refuseWith(answer.status === 401 ? 400 : 502, json?.message ?? `HTTP ${answer.status}`);
    const enrolled = EnrolResponse.safeParse(json.data);
    if (!enrolled.success) return refuseWith(502, 'câu trả lời không hợp lệ / invalid answer');
    await deps.link({ url: body.url, credential: enrolled.data.credential, site: enrolled.data.site, name: enrolled.data.name, enrolledAt: deps.now() }, u);
    res.json({ ok: true, data: deps.status() });
  });

  api.delete('/', async (req, res) => {
    const u = user(req, res, ['admin']);
    if (!u) return;
    await deps.link(null, u);
    res.json({ ok: true, data: deps.status() });
  });
  return api;
}
