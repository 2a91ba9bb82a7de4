// REST bodies of the counter plan (/api/manager/plan…), checked by zod with Vietnamese messages.
import { z } from 'zod';
import type { Forecast } from './forecast.ts';
import type { SimulationResult, StaffingPlan } from './types.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');

export const PlanCounterSchema = z.strictObject({
  counter: z.number().int().min(1).max(999),
  services: z.array(z.strictObject({
    serviceCode: z.string().min(1).max(24),
    weight: z.number().int().min(1, 'trọng số từ 1 đến 10').max(10, 'trọng số từ 1 đến 10'),
  })).min(1, 'quầy phải phục vụ ít nhất một lĩnh vực').max(30),
  hours: z.array(z.number().int().min(0, 'giờ từ 0 đến 23').max(23, 'giờ từ 0 đến 23')).max(24)
    .refine((h) => new Set(h).size === h.length, 'giờ bị trùng'),
});

export const PlanSchema = z.strictObject({
  day,
  counters: z.array(PlanCounterSchema).max(300).refine((cs) => new Set(cs.map((c) => c.counter)).size === cs.length, 'quầy bị trùng'),
});

export const PlanDayQuerySchema = z.strictObject({ day });

export const SimulateBodySchema = z.strictObject({
  plan: PlanSchema,
  /** Replay the day's real tickets (a past day) or draw them from the forecast. */
  arrivals: z.enum(['forecast', 'actual']).default('forecast'),
  runs: z.number().int().min(1, 'số lần chạy từ 1 đến 200').max(200, 'số lần chạy từ 1 đến 200').default(40),
  seed: z.number().int().min(0).max(2 ** 31).default(1),
});
export type SimulateBody = z.infer<typeof SimulateBodySchema>;

export const SuggestBodySchema = z.strictObject({
  day,
  /** Share of citizens within target wanted for every service. */
  share: z.number().min(0.5, 'tỷ lệ từ 50 % đến 99 %').max(0.99, 'tỷ lệ từ 50 % đến 99 %').default(0.9),
  seed: z.number().int().min(0).max(2 ** 31).default(1),
});

export const RosterBodySchema = z.strictObject({ plan: PlanSchema });

/** What the plan screen opens a day with. */
export interface PlanDay {
  day: string;
  today: string;
  past: boolean;
  /** Hours counters may open (the issuing windows). */
  hours: number[];
  forecast: Forecast;
  /** Tickets that really came, per service and hour (a past day), else null. */
  actual: { serviceCode: string; hourly: number[] }[] | null;
  /** The day as configured: every counter with its services, open in every issuing hour. */
  plan: StaffingPlan;
  services: { code: string; nameVi: string; nameEn: string; targetWaitMin: number }[];
  counters: { number: number; nameVi: string; nameEn: string; officer: string | null; services: { serviceCode: string; weight: number }[] }[];
  /** Past days the center's behaviour was learnt from. */
  historyDays: number;
}

export interface PlanRun {
  result: SimulationResult;
  ms: number;
}

export interface PlanSuggestion extends PlanRun {
  plan: StaffingPlan;
  meetsTarget: boolean;
  evaluations: number;
}
