// The manager's counter plan (docs/api.md, "Counter plan"): a day's forecast and configured plan,
// what-if simulations, a suggested plan and the roster as XLSX. Managers and admins only, the same
// check as the rest of /api/manager. Simulations run on the plan worker thread.
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { PlanDayQuerySchema, RosterBodySchema, SimulateBodySchema, SuggestBodySchema } from '@core/plan/protocol.ts';
import type { StaffingPlan } from '@core/plan/types.ts';
import type { AppContext } from '../context.ts';
import type { PlanService } from '../plan/plan-service.ts';
import { ackError } from '../realtime/acks.ts';
import { XlsxWriter } from '../export/files.ts';
import { requireManager } from './manager-api.ts';
import { fail, parseOr400 } from './respond.ts';

export function planRouter(ctx: AppContext, plans: PlanService): Router {
  const api = express.Router();
  api.use(requireManager(ctx));
  api.use(express.json({ limit: '64kb' }));
  const known = (plan: StaffingPlan, res: Response): boolean => {
    const problems = plans.problems(plan);
    if (problems.length === 0) return true;
    res.status(400).json(ackError('VALIDATION_FAILED', {}, problems));
    return false;
  };

  api.get('/day', async (req, res) => {
    const q = parseOr400(PlanDayQuerySchema, req.query, res);
    if (!q) return;
    res.set('Cache-Control', 'no-store').json({ ok: true, data: await plans.day(q.day) });
  });

  api.post('/simulate', async (req, res) => {
    const body = parseOr400(SimulateBodySchema, req.body, res);
    if (!body || !known(body.plan, res)) return;
    res.json({ ok: true, data: await plans.simulate(body) });
  });

  api.post('/suggest', async (req, res) => {
    const body = parseOr400(SuggestBodySchema, req.body, res);
    if (!body) return;
    res.json({ ok: true, data: await plans.suggest(body.day, body.share, body.seed) });
  });

  api.post('/roster.xlsx', async (req, res) => {
    const body = parseOr400(RosterBodySchema, req.body, res);
    if (!body || !known(body.plan, res)) return;
    const tables = await plans.roster(body.plan);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="luot-lich-truc-${body.plan.day}.xlsx"`);
    res.setHeader('Cache-Control', 'no-store');
    const book = new XlsxWriter(res);
    for (const t of [tables.roster, tables.expected]) {
      if (!t) continue;
      const sheet = book.sheet(t.sheet, t.columns);
      for (const row of t.rows) sheet.add(row);
      sheet.end();
    }
    await book.finish();
  });

  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return fail(res, 'PAYLOAD_TOO_LARGE', {}, 413);
    if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') return fail(res, 'VALIDATION_FAILED', {}, 400);
    ctx.logger.error({ err, module: 'plan-api' }, 'unexpected plan API error');
    if (res.headersSent) return res.destroy();
    fail(res, 'INTERNAL', {}, 500);
  });
  return api;
}
