// What a site and the province hub say to each other (zod schema and type under one name), and the
// site's floor summary built from its manager's live view. Pure: no I/O, no clock.
import { z } from 'zod';
import type { ManagerLive } from './manager-live.ts';

/** A site's code at the hub: lower-case letters, digits and dashes, e.g. `xa-tan-phong`. */
export const SiteCode = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'Mã điểm: chữ thường không dấu, số và dấu gạch ngang (2–40 ký tự)');

/** A site credential: `<site code>.<secret>`; the hub keeps only a hash of the secret. */
export const Credential = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}\.[A-Za-z0-9_-]{32,}$/, 'Mã xác thực điểm không hợp lệ');

export function siteOfCredential(credential: string): string | null {
  const dot = credential.indexOf('.');
  return dot > 0 ? credential.slice(0, dot) : null;
}

export const CREDENTIAL_HEADER = 'authorization';
export const bearer = (credential: string) => `Bearer ${credential}`;

/** A service record as the hub needs it; the rest of the record is kept as it came. */
export const HubRecord = z.object({
  schema: z.string(),
  key: z.string().min(1).max(120),
  ticketNumber: z.string().max(40),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  departmentCode: z.string().min(1).max(60),
  departmentName: z.string().max(300),
  serviceCode: z.string().min(1).max(60),
  serviceName: z.string().max(300),
  procedureCode: z.string().max(120).nullable(),
  dossierCodes: z.array(z.string().max(80)).max(50),
  counter: z.number().int().nullable(),
  officerId: z.string().max(120).nullable(),
  officerName: z.string().max(300).nullable(),
  issuedAt: z.string(),
  waitingSeconds: z.number().int().nonnegative().nullable(),
  serviceSeconds: z.number().int().nonnegative().nullable(),
  outcome: z.enum(['served', 'no-show', 'cancelled', 'expired']),
  transfers: z.array(z.unknown()).max(100),
  rating: z.object({
    score: z.number().int().min(1).max(5).nullable(),
    reasons: z.array(z.string().max(60)).max(20),
    comment: z.string().max(2000),
  }).loose().nullable(),
}).loose();
export type HubRecord = z.infer<typeof HubRecord>;

/** POST /api/hub/records: one version of one record. The site is the credential's, never the body's. */
export const RecordEnvelope = z.object({
  key: z.string().min(1).max(120),
  revision: z.number().int().positive(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The service's target wait at the site (minutes × 60), for "within target" at the hub. */
  targetWaitSec: z.number().int().nonnegative().nullable(),
  record: HubRecord,
}).refine((e) => e.record.key === e.key && e.record.day === e.day, { message: 'Khóa hoặc ngày của bản ghi không khớp' });
export type RecordEnvelope = z.infer<typeof RecordEnvelope>;

/** Most versions in one POST /api/hub/records/batch (a site sends up to 200). */
export const MAX_RECORD_BATCH = 500;

/**
 * POST /api/hub/records/batch: consecutive versions of a site's records, in its outbox's order,
 * stored in one transaction — all of them or, when one is invalid, none.
 */
export const RecordBatch = z.object({
  records: z.array(RecordEnvelope)
    .min(1, 'Lô bản ghi trống')
    .max(MAX_RECORD_BATCH, `Một lô có tối đa ${MAX_RECORD_BATCH} bản ghi`),
});
export type RecordBatch = z.infer<typeof RecordBatch>;

/** The live floor of a site, pushed every few seconds while the link is up (latest wins). */
export const FloorSummary = z.object({
  /** The site's clock when it was taken: an older summary never replaces a newer one. */
  at: z.number().int(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  totals: z.object({
    issued: z.number().int().nonnegative(), waiting: z.number().int().nonnegative(), serving: z.number().int().nonnegative(),
    served: z.number().int().nonnegative(), noShow: z.number().int().nonnegative(), openCounters: z.number().int().nonnegative(),
    counters: z.number().int().nonnegative(),
  }),
  longestWaitSec: z.number().nonnegative(),
  services: z.array(z.object({
    code: z.string(), departmentCode: z.string(), nameVi: z.string(), nameEn: z.string(),
    waiting: z.number().int().nonnegative(), longestWaitSec: z.number().nonnegative(), overTarget: z.number().int().nonnegative(),
  })).max(500),
  alerts: z.array(z.object({
    kind: z.string(), subject: z.string(), severity: z.enum(['warning', 'critical']), since: z.number(),
    text: z.object({ vi: z.string(), en: z.string() }),
  })).max(500),
});
export type FloorSummary = z.infer<typeof FloorSummary>;

export function floorSummary(live: ManagerLive): FloorSummary {
  const waitingServices = live.services.filter((s) => s.waiting > 0 || s.issuedToday > 0);
  return {
    at: live.now,
    day: live.day,
    totals: {
      issued: live.totals.issued, waiting: live.totals.waiting, serving: live.totals.serving, served: live.totals.served,
      noShow: live.totals.noShow, openCounters: live.totals.openCounters, counters: live.counters.length,
    },
    longestWaitSec: live.services.reduce((m, s) => Math.max(m, s.waiting > 0 ? s.longestWaitSec : 0), 0),
    services: waitingServices.map((s) => ({
      code: s.code, departmentCode: s.departmentCode, nameVi: s.nameVi, nameEn: s.nameEn,
      waiting: s.waiting, longestWaitSec: s.longestWaitSec, overTarget: s.overTarget,
    })),
    alerts: live.alerts.map((a) => ({ kind: a.kind, subject: a.subject, severity: a.severity, since: a.since, text: a.text })),
  };
}

export const EnrolRequest = z.object({ token: z.string().min(20).max(200) });
export const EnrolResponse = z.object({ site: SiteCode, name: z.string(), credential: Credential });
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** Every hub refusal: a code, Vietnamese first, English second. */
export interface HubRefusal { ok: false; code: string; message: string; messageEn: string }
