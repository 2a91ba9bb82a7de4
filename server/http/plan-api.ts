// The manager's counter plan (docs/api.md, "Counter plan"): a day's forecast and configured plan,
// what-if simulations, a suggested plan and the roster as XLSX. Managers and admins only, the same
// check as the rest of /api/manager. Simulations run on the plan worker thread.
import express from 'express';
import type { Response, Router } from 'express';
import type { Logger } from 'pino';
import { PlanDayQuerySchema, RosterBodySchema, SimulateBodySchema, SuggestBodySchema } from '@core/plan/protocol.ts';
import type { StaffingPlan } from '@core/plan/types.ts';
import { ROLE_GROUPS } from '@core/roles.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { PlanService } from '../plan/plan-service.ts';
import { ackError } from '../refusals.ts';
import { XlsxWriter } from '../export/files.ts';
import { requireRole } from './require-role.ts';
import { apiErrorHandler, fail, parseOr400 } from './respond.ts';

export function planRouter({ accounts, plans, logger }: { accounts: PrincipalLookup; plans: PlanService; logger: Logger }): Router {
  const api = express.Router();
  api.use(requireRole(accounts, ROLE_GROUPS.managers));
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
    const book = await XlsxWriter.open(res);
    for (const t of [tables.roster, tables.expected]) {
      if (!t) continue;
      const sheet = book.sheet(t.sheet, t.columns);
      for (const row of t.rows) sheet.add(row);
      sheet.end();
    }
    await book.finish();
  });

  api.use(apiErrorHandler(logger, 'plan-api'));
  return api;
}
