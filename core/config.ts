// Center configuration: what the center offers and how its queues behave.
// Validated as a whole (cross-references included) so a configuration is never half-valid.
import { z } from 'zod';
import { nameProblem, nameText, repairName } from './name-text.ts';
import { DisplayConfigSchema, FORGIVING_SECTIONS, VoiceConfigSchema } from './lobby-config.ts';
import { MAX_PROCEDURES, ProcedureSchema } from './procedures.ts';
import { SynonymListSchema } from './catalog-search/synonyms.ts';
import { AgePrioritySchema } from './age-priority.ts';
import { BookingSettingsSchema } from './booking/settings.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'giờ dạng HH:MM');

export const IssuingWindowSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((w) => w.start < w.end, { message: 'giờ bắt đầu phải trước giờ kết thúc' });
export type IssuingWindow = z.infer<typeof IssuingWindowSchema>;

export const DepartmentSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]{2,16}$/),
  nameVi: nameText(200),
  nameEn: nameText(200),
  /** Central agencies (police, tax, social insurance) are shown apart on kiosks. */
  kind: z.enum(['department', 'central']).default('department'),
  order: z.number().int().default(0),
});
export type Department = z.infer<typeof DepartmentSchema>;

export const ServiceSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_.-]{2,24}$/),
  departmentCode: z.string(),
  nameVi: nameText(200),
  nameEn: nameText(200),
  /** One or two capital letters printed before the daily sequence: A-025. */
  prefix: z.string().regex(/^[A-Z]{1,2}$/),
  /** Tickets per day; null means no cap. */
  dailyCap: z.number().int().positive().nullable().default(null),
  /** Local (Asia/Ho_Chi_Minh) issuing windows; null means the center's default windows. */
  windows: z.array(IssuingWindowSchema).nullable().default(null),
  /** Target (maximum) wait in minutes; past it the ticket is called first when the rule is on. */
  targetWaitMin: z.number().int().positive().max(600).default(20),
  /** Used for waiting-time estimates before any service time was observed today. */
  defaultServiceMin: z.number().positive().max(240).default(8),
  order: z.number().int().default(0),
  active: z.boolean().default(true),
  /** The result-return service (trả kết quả): the kiosk's "Nhận kết quả" issues its tickets. At most one. */
  resultReturn: z.boolean().default(false),
});
export type Service = z.infer<typeof ServiceSchema>;

export const CounterServiceSchema = z.object({
  serviceCode: z.string(),
  /** 1–10: the counter's preference; waiting time is multiplied by it when choosing the next ticket. */
  weight: z.number().int().min(1).max(10).default(1),
});

export const CounterConfigSchema = z.object({
  number: z.number().int().min(1).max(999),
  nameVi: nameText(100),
  nameEn: nameText(100),
  zone: nameText(40),
  services: z.array(CounterServiceSchema).min(1),
  /**
   * Username of the officer who usually works here: their console offers this counter first.
   * Checked against the accounts when an admin changes it (server/admin/config-service.ts).
   */
  defaultOfficer: z.string().regex(/^[a-z0-9._-]{3,32}$/, 'tên đăng nhập của cán bộ').nullable().default(null),
});
export type CounterConfig = z.infer<typeof CounterConfigSchema>;

export const PriorityCategorySchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,32}$/),
  nameVi: nameText(120),
  nameEn: nameText(120),
});
export type PriorityCategory = z.infer<typeof PriorityCategorySchema>;

export const RoutingPolicySchema = z.object({
  /** N in "N normal : 1 priority" while both kinds wait. 0 means priority always first. */
  normalPerPriority: z.number().int().min(0).max(20).default(2),
  /** A ticket past its service's target wait is called before anything else. */
  maxWaitRule: z.boolean().default(true),
  /** A transferred ticket keeps its original waiting time, or goes to the front of the new queue. */
  transferPlacement: z.enum(['keep-wait', 'front']).default('keep-wait'),
});
export type RoutingPolicy = z.infer<typeof RoutingPolicySchema>;

export const RatingReasonSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,32}$/),
  nameVi: nameText(80),
  nameEn: nameText(80),
});

const LabelSchema = z.object({ nameVi: nameText(60), nameEn: nameText(60) });

/** The citizen's rating pad at each counter (VNPT's tablets: 5 levels, reasons at 3 or below, 30 s). */
export const RatingPolicySchema = z.object({
  /** Seconds the pad waits for a score before recording "not rated". */
  timeoutSec: z.number().int().min(5).max(300).default(30),
  /** Reasons are asked for at this score or below. */
  reasonsAtOrBelow: z.number().int().min(1).max(5).default(3),
  reasons: z.array(RatingReasonSchema).max(20).default([
    { code: 'attitude', nameVi: 'Thái độ phục vụ', nameEn: 'Staff attitude' },
    { code: 'waiting-time', nameVi: 'Thời gian chờ lâu', nameEn: 'Long waiting time' },
    { code: 'guidance', nameVi: 'Hướng dẫn chưa rõ', nameEn: 'Unclear guidance' },
    { code: 'complex-dossier', nameVi: 'Hồ sơ, thủ tục phức tạp', nameEn: 'Complicated dossier or procedure' },
    { code: 'processing-time', nameVi: 'Thời gian giải quyết lâu', nameEn: 'Slow processing' },
    { code: 'facilities', nameVi: 'Cơ sở vật chất', nameEn: 'Facilities' },
  ]),
  /** Labels of scores 1…5, worst first. */
  levels: z.array(LabelSchema).length(5).default([
    { nameVi: 'Rất không hài lòng', nameEn: 'Very unsatisfied' },
    { nameVi: 'Không hài lòng', nameEn: 'Unsatisfied' },
    { nameVi: 'Bình thường', nameEn: 'Neutral' },
    { nameVi: 'Hài lòng', nameEn: 'Satisfied' },
    { nameVi: 'Rất hài lòng', nameEn: 'Very satisfied' },
  ]),
});
export type RatingPolicy = z.infer<typeof RatingPolicySchema>;

/** Largest logo accepted, as a data URL (about 96 KB of image). */
export const MAX_LOGO_DATA_URL = 131_072;

/**
 * The center's logo as a PNG or JPEG data URL, shown on kiosks, boards and printed tickets. Set
 * through the admin logo upload, which decodes and resizes it; this only checks its form.
 */
export const LogoSchema = z
  .string()
  .max(MAX_LOGO_DATA_URL, 'logo quá lớn')
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'logo phải là ảnh PNG hoặc JPEG');

export const CenterInfoSchema = z.object({
  nameVi: nameText(200),
  nameEn: nameText(200),
  address: z.string().max(300).default(''),
  /** Base URL printed in ticket QR codes, e.g. http://192.168.1.10:3000 */
  publicUrl: z.string().url().nullable().default(null),
  /** ISO weekday numbers, 1 = Monday … 7 = Sunday. */
  workingDays: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
  defaultWindows: z.array(IssuingWindowSchema).default([
    { start: '07:00', end: '11:30' },
    { start: '13:00', end: '16:30' },
  ]),
  /** Local dates (YYYY-MM-DD) with no issuing. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  /** Off only for trying the system outside office hours. */
  enforceWindows: z.boolean().default(true),
  logo: LogoSchema.nullable().default(null),
});
export type CenterInfo = z.infer<typeof CenterInfoSchema>;

/** Paper width in printer dots: 80 mm paper prints 576 dots, 58 mm paper 384. */
export const PaperWidthSchema = z.union([z.literal(576), z.literal(384)]);
export type PaperWidth = z.infer<typeof PaperWidthSchema>;

/** The printer's command set: Epson ESC/POS (most receipt printers; the default) or Star. */
const PrinterModelSchema = z.enum(['epson', 'star']).optional();

/** Where a kiosk's tickets are printed: a network ESC/POS printer, or a printer bridge device. */
export const PrinterTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('network'),
    url: z.string().regex(/^tcp:\/\/[^/:\s]+(:\d{1,5})?$/, 'địa chỉ dạng tcp://máy:9100'),
    width: PaperWidthSchema.default(576),
    model: PrinterModelSchema,
    /** Idle time before an unanswering printer counts as offline. */
    timeoutMs: z.number().int().min(200).max(30_000).default(3_000),
  }),
  z.strictObject({
    kind: z.literal('bridge'),
    /** Name of the printer-bridge device (kind "printer") that drives this kiosk's printer. */
    bridgeDevice: z.string().min(1).max(100),
    width: PaperWidthSchema.default(576),
    model: PrinterModelSchema,
    timeoutMs: z.number().int().min(200).max(30_000).default(5_000),
  }),
]);
export type PrinterTarget = z.infer<typeof PrinterTargetSchema>;

/** Kiosk screen timings, in seconds. */
export const KioskSettingsSchema = z.object({
  /** After a ticket is shown, back to the start screen. */
  returnAfterSec: z.number().int().min(5).max(300).default(20),
  /** Without a touch mid-choice, back to the start screen (slow readers need time). */
  idleResetSec: z.number().int().min(30).max(900).default(90),
  /** A scanned CCCD of a citizen this old or older gets this priority category (core/age-priority.ts); null: off. */
  agePriority: AgePrioritySchema.nullable().default(null),
});
export type KioskSettings = z.infer<typeof KioskSettingsSchema>;

export const CenterConfigSchema = z
  .object({
    center: CenterInfoSchema,
    departments: z.array(DepartmentSchema).min(1),
    services: z.array(ServiceSchema).min(1),
    counters: z.array(CounterConfigSchema).min(1),
    priorityCategories: z.array(PriorityCategorySchema),
    routing: RoutingPolicySchema,
    /** Optional in stored configurations: older ones get the defaults. */
    rating: RatingPolicySchema.prefault({}),
    /** Kiosk device name → its printer. A kiosk not listed prints nothing and says so. */
    printers: z.record(z.string().min(1).max(100), PrinterTargetSchema).default({}),
    kiosk: KioskSettingsSchema.prefault({}),
    /** Lobby boards and voice announcements (core/lobby-config.ts). */
    display: DisplayConfigSchema.prefault({}),
    voice: VoiceConfigSchema.prefault({}),
    /** The procedure catalog officers pick from when finishing (core/procedures.ts; CSV import). */
    procedures: z.array(ProcedureSchema).max(MAX_PROCEDURES).default([]),
    /** Everyday words → the catalog's words, for the kiosk's search (core/catalog-search/synonyms.ts). */
    synonyms: SynonymListSchema.default([]),
    /** Appointments: slot rules per service, holidays, how booked tickets join the queue (core/booking). */
    bookings: BookingSettingsSchema.prefault({}),
  })
  .superRefine((cfg, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    /** A duplicate names both items (`label`), not only the position a person cannot see. */
    const unique = <T>(items: T[], key: (t: T) => string, path: string, what: string, label?: (t: T) => string) => {
      const seen = new Map<string, T>();
      items.forEach((item, i) => {
        const k = key(item);
        const first = seen.get(k);
        if (first !== undefined) {
          issue([path, i], label ? `${label(item)}: ${what} ${k} trùng với ${label(first)}` : `${what} bị trùng: ${k}`);
        } else seen.set(k, item);
      });
    };
    const serviceLabel = (s: { code: string; nameVi: string }) => `lĩnh vực ${s.code} “${s.nameVi}”`;
    unique(cfg.departments, (d) => d.code, 'departments', 'mã sở, ngành');
    unique(cfg.services, (s) => s.code, 'services', 'mã lĩnh vực');
    unique(cfg.services, (s) => s.prefix, 'services', 'tiền tố số thứ tự', serviceLabel);
    unique(cfg.counters, (c) => String(c.number), 'counters', 'số quầy');
    unique(cfg.priorityCategories, (p) => p.code, 'priorityCategories', 'mã đối tượng ưu tiên');
    unique(cfg.rating.reasons, (r) => r.code, 'rating.reasons', 'mã lý do đánh giá');
    const departments = new Set(cfg.departments.map((d) => d.code));
    const services = new Set(cfg.services.map((s) => s.code));
    cfg.services.forEach((s, i) => {
      if (!departments.has(s.departmentCode)) issue(['services', i, 'departmentCode'], `không có sở, ngành ${s.departmentCode}`);
      if (s.windows && overlaps(s.windows)) issue(['services', i, 'windows'], 'các khung giờ cấp số chồng nhau');
    });
    const returns = cfg.services.filter((s) => s.resultReturn);
    if (returns.length > 1) issue(['services'], `chỉ một lĩnh vực được đánh dấu trả kết quả (đang có: ${returns.map((s) => s.code).join(', ')})`);
    const age = cfg.kiosk.agePriority;
    if (age && !cfg.priorityCategories.some((p) => p.code === age.category)) {
      issue(['kiosk', 'agePriority', 'category'], `không có đối tượng ưu tiên ${age.category}`);
    }
    if (overlaps(cfg.center.defaultWindows)) issue(['center', 'defaultWindows'], 'các khung giờ cấp số chồng nhau');
    cfg.counters.forEach((c, i) => {
      unique(c.services, (s) => s.serviceCode, `counters.${i}.services`, 'lĩnh vực của quầy');
      c.services.forEach((s, j) => {
        if (!services.has(s.serviceCode)) issue(['counters', i, 'services', j], `quầy ${c.number}: không có lĩnh vực ${s.serviceCode}`);
      });
    });
  });
export type CenterConfig = z.infer<typeof CenterConfigSchema>;
export type CenterConfigInput = z.input<typeof CenterConfigSchema>;

/**
 * A stored configuration as the server starts from it. Mistakes in the voice or display section
 * do not stop the queue: that section falls back to its defaults and its problems are returned
 * (the voice then announces with the chime only). A name refused by today's rule (stored by an
 * older version) is repaired (core/name-text.ts) and named in `repaired`. Any other mistake
 * throws, as parse does.
 */
export function parseStoredConfig(stored: unknown): {
  config: CenterConfig; setAside: { section: string; problems: string[] }[]; repaired: string[];
} {
  const { value, repaired } = repairStoredNames(stored);
  const first = CenterConfigSchema.safeParse(value);
  if (first.success) return { config: first.data, setAside: [], repaired };
  const forgiving = new Set<string>(FORGIVING_SECTIONS);
  const bad = new Map<string, string[]>();
  for (const i of first.error.issues) {
    const section = String(i.path[0] ?? '');
    if (!forgiving.has(section) || typeof value !== 'object' || value === null) throw first.error;
    bad.set(section, [...(bad.get(section) ?? []), `${i.path.join('.')}: ${i.message}`]);
  }
  const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const section of bad.keys()) delete rest[section];
  return { config: CenterConfigSchema.parse(rest), setAside: [...bad].map(([section, problems]) => ({ section, problems })), repaired };
}

/** The stored value with every name the schema refuses repaired, and the paths of those names. */
function repairStoredNames(stored: unknown): { value: unknown; repaired: string[] } {
  const first = CenterConfigSchema.safeParse(stored);
  if (first.success || typeof stored !== 'object' || stored === null) return { value: stored, repaired: [] };
  const value = structuredClone(stored) as Record<string | number, unknown>;
  const repaired: string[] = [];
  for (const issue of first.error.issues) {
    if (issue.code !== 'custom' || issue.path.length === 0) continue;
    const parent = issue.path.slice(0, -1).reduce<unknown>((node, key) =>
      (typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined), value);
    const key = issue.path[issue.path.length - 1] as PropertyKey;
    if (typeof parent !== 'object' || parent === null) continue;
    const text = (parent as Record<PropertyKey, unknown>)[key];
    if (typeof text !== 'string' || nameProblem(text) === null) continue;
    (parent as Record<PropertyKey, unknown>)[key] = repairName(text);
    repaired.push(issue.path.join('.'));
  }
  return { value, repaired };
}

function overlaps(windows: IssuingWindow[]): boolean {
  const sorted = [...windows].sort((a, b) => a.start.localeCompare(b.start));
  return sorted.some((w, i) => i > 0 && w.start < sorted[i - 1]!.end);
}

/** Lookup tables built once per configuration, so routing does not search arrays. */
export interface ConfigIndex {
  config: CenterConfig;
  service: Map<string, Service>;
  department: Map<string, Department>;
  counter: Map<number, CounterConfig>;
  priority: Map<string, PriorityCategory>;
  /** service code → counters that serve it */
  countersOfService: Map<string, CounterConfig[]>;
  /** Tickets are issued with no estimate: the plan's simulations, where nobody reads one. */
  noEstimates?: boolean;
}

export function indexConfig(config: CenterConfig): ConfigIndex {
  const countersOfService = new Map<string, CounterConfig[]>();
  for (const c of config.counters) {
    for (const s of c.services) {
      const list = countersOfService.get(s.serviceCode) ?? [];
      list.push(c);
      countersOfService.set(s.serviceCode, list);
    }
  }
  return {
    config,
    service: new Map(config.services.map((s) => [s.code, s])),
    department: new Map(config.departments.map((d) => [d.code, d])),
    counter: new Map(config.counters.map((c) => [c.number, c])),
    priority: new Map(config.priorityCategories.map((p) => [p.code, p])),
    countersOfService,
  };
}
