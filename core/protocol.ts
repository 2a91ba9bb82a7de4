// The one definition of every Socket.IO event: payload schemas (zod) and their types under one
// name, the results each command acknowledges, and the events the server pushes.
// Imported by the server and by every app.
import { DEVICE_KINDS, ROLE_GROUPS } from './roles.ts';
import type { DeviceKind, PrincipalRole, UserRole } from './roles.ts';
import { z } from 'zod';
import { nameText } from './name-text.ts';
import type { ErrorCode } from './i18n.ts';
import type { ServiceFigures } from './estimate.ts';
import type { SearchData } from './catalog-search/catalog-search.ts';
import type { AnnouncementView, DisplaySettings } from './lobby-views.ts';
import type { ManagerLive } from './manager-live.ts';
import type {

  BoardCallView, BoardCounterView, CallView, Catalog, CounterQueue, CounterSnapshot, CounterView, DisplaySnapshot, ManagerSnapshot,
  RatingPadSnapshot, RatingRequest, TicketSummary,
} from './views.ts';
import type { PrintFault } from './print-fault.ts';
import { PhoneSchema } from './messages/phone.ts';
import type { TicketBooking } from './booking/types.ts';

// Who may do what, and the print fault a manager sees, live in their own files (so that
// core/manager-live.ts can use them without importing the whole protocol); they are part of it.
export { DEVICE_KINDS, ROLE_GROUPS, ROLES } from './roles.ts';
export type { DeviceKind, PrincipalRole, UserRole } from './roles.ts';
export type { PrintFault } from './print-fault.ts';

const text = (max: number) => z.string().max(max).transform((s) => s.normalize('NFC').trim());
const ticketId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'mã phiếu không hợp lệ');
const counterNumber = z.number().int().min(1).max(999);
const serviceCode = z.string().min(1).max(24);

export const Empty = z.strictObject({}).optional().default({});

export const commandSchemas = {
  /** Staff choose the view: an officer's console, or the manager's overview. */
  'snapshot:get': z.strictObject({ view: z.enum(['counter', 'manager']).optional() }).optional().default({}),
  /** The procedure catalog and synonym dictionary the search index is built from (core/catalog-search). */
  'search:data': Empty,
  'ticket:issue': z.strictObject({
    serviceCode,
    priority: z.string().max(32).nullable().default(null),
    /** The procedure the citizen chose in the search, recorded on the ticket (null: the service alone). */
    procedureCode: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'mã thủ tục không hợp lệ').nullable().default(null),
    /** Chosen by the kiosk per tap: repeating it returns the same ticket instead of a new one. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    /** The kiosk's language at the tap: an English-mode ticket prints English lines beneath the Vietnamese. */
    lang: z.enum(['vi', 'en']).default('vi'),
    /** The kiosk's optional phone step (only while messages are on): "còn 3 người nữa" and the call go to it. */
    phone: PhoneSchema.nullable().optional(),
    /**
     * The chip ID card's QR scanned by a walk-in without a booking: the server gives the age-based
     * priority from its birth date when configured (kiosk.agePriority); nothing of it is kept.
     */
    cccdQr: z.string().min(1).max(600).nullable().optional(),
  }),
  'counter:open': z.strictObject({ counter: counterNumber }),
  'counter:pause': z.strictObject({ reason: text(100).pipe(z.string().min(1)) }),
  'counter:resume': Empty,
  'counter:close': Empty,
  /** The officer's waiting list in call order, e.g. after a queue event changed it. */
  'queue:get': Empty,
  'ticket:call-next': Empty,
  'ticket:call': z.strictObject({ ticketId }),
  'ticket:recall': Empty,
  'ticket:start': Empty,
  'ticket:finish': z.strictObject({
    procedureCode: z.string().max(64).nullable().default(null),
    dossierCodes: z.array(z.string().max(40)).max(20).default([]),
    note: text(1000).default(''),
  }),
  'ticket:no-show': Empty,
  'ticket:transfer': z
    .strictObject({
      toService: serviceCode.nullable().default(null),
      toCounter: counterNumber.nullable().default(null),
      note: text(500).default(''),
    })
    .refine((t) => t.toService !== null || t.toCounter !== null, { message: 'cần chọn lĩnh vực hoặc quầy chuyển đến' }),
  'ticket:cancel': z.strictObject({ ticketId, reason: text(200).default('') }),
  'rating:submit': z.strictObject({
    ticketId,
    /** null: the citizen did not answer in time. */
    score: z.number().int().min(1).max(5).nullable(),
    reasons: z.array(z.string().max(64)).max(10).default([]),
    comment: text(1000).default(''),
  }),
  /** A kiosk asks to print one of its tickets again; requestId makes a repeated tap print once. */
  'ticket:reprint': z.strictObject({ ticketId, requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), lang: z.enum(['vi', 'en']).default('vi') }),
  /**
   * Result pick-up ("Nhận kết quả"): a ticket of the center's result-return service with the dossier
   * code from the receipt attached. The form is checked by the engine (INVALID_DOSSIER_CODE names the code).
   */
  'ticket:issue-result': z.strictObject({
    dossierCode: z.string().min(1, 'thiếu mã hồ sơ').max(40, 'mã hồ sơ quá dài'),
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    lang: z.enum(['vi', 'en']).default('vi'),
  }),
  /** A kiosk takes back a ticket tapped by mistake, within KIOSK_UNDO_SEC of issuing it: cancelled, not deleted. */
  'ticket:undo': z.strictObject({ ticketId }),
  /**
   * "Tôi đã đặt lịch": a booking checked in at the kiosk. `code` is what the citizen typed or the
   * scanner typed from the booking's QR (core/booking/codes.ts parseBookingScan); `cccdQr` the raw
   * text of the chip ID card's QR (the server parses and hashes it). A repeated requestId returns
   * the same ticket.
   */
  'booking:check-in': z.union([
    z.strictObject({ requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), code: z.string().min(1).max(100), lang: z.enum(['vi', 'en']).default('vi') }),
    z.strictObject({ requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), cccdQr: z.string().min(1).max(600), lang: z.enum(['vi', 'en']).default('vi') }),
  ]),
} as const;

/** How long after issuing a kiosk may cancel its own ticket (the screen offers it for less). */
export const KIOSK_UNDO_SEC = 30;

export type CommandName = keyof typeof commandSchemas;
export type CommandPayload<K extends CommandName> = z.output<(typeof commandSchemas)[K]>;
export type CommandInput<K extends CommandName> = z.input<(typeof commandSchemas)[K]>;

export interface IssuedTicket {
  ticket: TicketSummary;
  /** The procedure chosen at the kiosk, by its catalog name; null when the citizen chose the service. */
  procedureName: string | null;
  serviceNameVi: string;
  serviceNameEn: string;
  departmentNameVi: string;
  departmentNameEn: string;
  counters: number[];
  ahead: number;
  etaMin: number | null;
  /** Path of the public status page, e.g. /t/<id>; the QR code holds PUBLIC_URL + this. */
  statusPath: string;
}

export type AnySnapshot =
  | { role: 'kiosk'; catalog: Catalog }
  | { role: 'counter'; counter: CounterSnapshot }
  | { role: 'display'; display: DisplaySnapshot }
  | { role: 'rating'; rating: RatingPadSnapshot }
  | { role: 'manager'; manager: ManagerSnapshot }
  | { role: 'printer' };

export interface CommandResults {
  'snapshot:get': AnySnapshot;
  'search:data': SearchData;
  'ticket:issue': KioskIssuedTicket;
  'counter:open': CounterView;
  'counter:pause': CounterView;
  'counter:resume': CounterView;
  'counter:close': CounterView;
  'queue:get': CounterQueue;
  'ticket:call-next': TicketSummary;
  'ticket:call': TicketSummary;
  'ticket:recall': TicketSummary;
  'ticket:start': TicketSummary;
  'ticket:finish': TicketSummary;
  'ticket:no-show': TicketSummary;
  'ticket:transfer': TicketSummary;
  'ticket:cancel': TicketSummary;
  'rating:submit': TicketSummary;
  'ticket:reprint': PrintJobView;
  'ticket:undo': TicketSummary;
  'ticket:issue-result': KioskIssuedTicket;
  'booking:check-in': BookingCheckInResult;
}

/** A booking checked in: the ticket as `ticket:issue` gives it, plus the booking's code and slot. */
export interface BookingCheckedIn extends KioskIssuedTicket {
  booking: TicketBooking;
}
/** A scanned ID card with several bookings today: the kiosk asks which one, then sends its code. */
export interface BookingChoices {
  choices: { code: string; serviceName: string; slotStart: number }[];
}
export type BookingCheckInResult = BookingCheckedIn | BookingChoices;

export interface AckError {
  ok: false;
  code: ErrorCode;
  /** Vietnamese first… */
  message: string;
  /** …English second. */
  messageEn: string;
  /** For VALIDATION_FAILED: which field, and why. */
  issues?: { path: string; message: string }[];
}
export type Ack<T> = { ok: true; data: T } | AckError;

export type ClientToServerEvents = {
  [K in CommandName]: (payload: CommandInput<K>, ack: (res: Ack<CommandResults[K]>) => void) => void;
};

/** Pushed by the server; payloads are views, never internal records. */
export interface ServerToClientEvents {
  snapshot: (snapshot: AnySnapshot) => void;
  'ticket:issued': (ticket: TicketSummary) => void;
  'ticket:called': (call: CallView) => void;
  'ticket:started': (ticket: TicketSummary) => void;
  'ticket:finished': (ticket: TicketSummary) => void;
  'ticket:no-show': (ticket: TicketSummary) => void;
  'ticket:transferred': (ticket: TicketSummary) => void;
  'ticket:cancelled': (ticket: TicketSummary) => void;
  'counter:updated': (counter: CounterView) => void;
  /** To boards: a call and a counter's change, with ticket numbers but no ticket ids (core/views.ts BoardTicket). */
  'board:called': (call: BoardCallView) => void;
  'board:counter': (counter: BoardCounterView) => void;
  'queue:stats': (figures: ServiceFigures[]) => void;
  'rating:requested': (request: RatingRequest) => void;
  'rating:recorded': (ticket: TicketSummary) => void;
  'day:started': (day: { day: string }) => void;
  /** To display boards, on connect: notice, theme, their services, server time. */
  'display:settings': (settings: DisplaySettings) => void;
  /** To the call's zone boards once its audio is ready (chime + phrase): play it, in order. */
  'announcement:ready': (announcement: AnnouncementView) => void;
  /** To a kiosk on every (re)connect: its name, printer and timings. */
  'kiosk:setup': (setup: KioskSetup) => void;
  /** To the kiosk that issued the ticket: how its printing went. */
  'print:status': (job: PrintJobView) => void;
  /** To managers: a ticket that could not be printed. */
  'print:fault': (fault: PrintFault) => void;
  /** To a printer bridge: print this, then acknowledge (validated with BridgeAckSchema). */
  'print:job': (job: PrintJob, ack: (res: BridgeAck) => void) => void;
  /** To a device whose token was just used by another connection: this one is disconnected. */
  'device:replaced': (refusal: AckError) => void;
  /** To managers: the live floor (queues, counters, devices, alerts, bridge), on connect and after changes. */
  'manager:live': (live: ManagerLive) => void;
}

// ── Printing (kiosk tickets) ────────────────────────────────────────────────────────────────
export const PRINT_STATES = ['not-configured', 'printing', 'printed', 'failed'] as const;
export type PrintState = (typeof PRINT_STATES)[number];

/** One print of one ticket. A repeated request returns the same job: a ticket is printed once per request. */
export interface PrintJobView {
  jobId: string;
  ticketId: string;
  state: PrintState;
  /** Why nothing was printed (PRINTER_NOT_CONFIGURED, PRINTER_OFFLINE, PRINTER_TIMEOUT, PRINT_FAILED). */
  error: AckError | null;
  at: number;
}

/** What a kiosk gets for `ticket:issue`: the ticket, the status page's full address, and its print. */
export interface KioskIssuedTicket extends IssuedTicket {
  /** PUBLIC_URL (or the address the kiosk reached the server at) + statusPath: the QR code. */
  statusUrl: string;
  print: PrintJobView;
}

export interface KioskSetup {
  deviceName: string;
  printing: 'network' | 'bridge' | 'none';
  returnAfterSec: number;
  idleResetSec: number;
}


/**
 * Server → printer bridge: one ticket, ready to send: the ticket image as ESC/POS raster bands
 * and a cut, made by the server for the configured printer model (the bridge computes nothing).
 */
export const PrintJobSchema = z.object({
  jobId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  ticketNumber: z.string().max(16),
  escpos: z.custom<Uint8Array>((b) => b instanceof Uint8Array && b.byteLength > 0 && b.byteLength < 2_000_000, 'dữ liệu in không hợp lệ'),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;

/** Printer bridge → server, the ack of a print job. */
export const BridgeAckSchema = z.union([
  z.object({ ok: z.literal(true), data: z.object({ bytes: z.number().int().nonnegative() }) }),
  z.object({ ok: z.literal(false), code: z.enum(['PRINTER_OFFLINE', 'PRINTER_TIMEOUT', 'PRINT_FAILED']), detail: z.string().max(300).optional() }),
]);
export type BridgeAck = z.infer<typeof BridgeAckSchema>;

/** The Socket.IO handshake: a person's session token or a device's token. */
export const HandshakeAuthSchema = z.union([
  z.object({ sessionToken: z.string().min(16).max(200) }),
  z.object({ deviceToken: z.string().min(16).max(200) }),
]);

/** Which principals may send each command. Checked before validation, so a kiosk learns nothing. */
export const commandRoles: Record<CommandName, readonly PrincipalRole[]> = {
  'snapshot:get': ROLE_GROUPS.anyone,
  'ticket:issue': ROLE_GROUPS.kiosks,
  'search:data': ROLE_GROUPS.kiosksAndStaff,
  'counter:open': ROLE_GROUPS.staff,
  'counter:pause': ROLE_GROUPS.staff,
  'counter:resume': ROLE_GROUPS.staff,
  'counter:close': ROLE_GROUPS.staff,
  'queue:get': ROLE_GROUPS.staff,
  'ticket:call-next': ROLE_GROUPS.staff,
  'ticket:call': ROLE_GROUPS.staff,
  'ticket:recall': ROLE_GROUPS.staff,
  'ticket:start': ROLE_GROUPS.staff,
  'ticket:finish': ROLE_GROUPS.staff,
  'ticket:no-show': ROLE_GROUPS.staff,
  'ticket:transfer': ROLE_GROUPS.staff,
  'ticket:cancel': ROLE_GROUPS.managers,
  'rating:submit': ROLE_GROUPS.ratingPads,
  'ticket:reprint': ROLE_GROUPS.kiosks,
  'ticket:undo': ROLE_GROUPS.kiosks,
  'ticket:issue-result': ROLE_GROUPS.kiosks,
  'booking:check-in': ROLE_GROUPS.kiosks,
};

// REST bodies
export const LoginBodySchema = z.strictObject({
  username: z.string().min(1).max(64).transform((s) => s.trim().toLowerCase()),
  password: z.string().min(1).max(200),
});
/** What POST /api/auth/login answers (the token is also set as the HttpOnly session cookie). */
export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  counters: number[];
}
export interface LoginResponse {
  token: string;
  user: StaffUser;
}
export const IssueTicketBodySchema = z.strictObject({
  serviceCode,
  priority: z.string().max(32).nullable().default(null),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** The citizen's mobile, for messages (docs/messages.md): 0xxxxxxxxx, +84… or 84… accepted. */
  phone: PhoneSchema.nullable().default(null),
});
export const CreateDeviceBodySchema = z.strictObject({
  kind: z.enum(DEVICE_KINDS),
  name: text(100).pipe(nameText(100)),
  zone: nameText(40).nullable().default(null),
  counter: counterNumber.nullable().default(null),
});

// ── Manager REST (docs/api.md, "Manager API") ───────────────────────────────────────────────
/** A query-string list: repeated (?service=A&service=B) or comma-separated (?service=A,B). */
const queryList = z
  .union([z.string().max(2000), z.array(z.string().max(200)).max(100)])
  .optional()
  .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v])).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== ''));
const unknownFilter = { error: (iss: { code?: string; keys?: string[] }) => (iss.code === 'unrecognized_keys' ? `bộ lọc không được hỗ trợ: ${(iss.keys ?? []).join(', ')}` : undefined) };
const reportQueryShape = {
  from: z.string({ error: 'thiếu ngày bắt đầu (from=YYYY-MM-DD)' }).max(32),
  to: z.string({ error: 'thiếu ngày kết thúc (to=YYYY-MM-DD)' }).max(32),
  department: queryList,
  service: queryList,
  counter: queryList.pipe(z.array(z.string().regex(/^\d{1,3}$/, 'số quầy không hợp lệ').transform(Number))),
  officer: queryList,
};
export const ReportQuerySchema = z.strictObject(reportQueryShape, unknownFilter);
export const EXPORT_TABLES = ['tickets', 'summary', 'departments', 'services', 'procedures', 'counters', 'officers', 'daily', 'hours', 'ratings', 'bookings'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const CSV_VARIANTS = ['standard', 'excel-vi'] as const;
export type CsvVariant = (typeof CSV_VARIANTS)[number];
export const ExportQuerySchema = z.strictObject({
  ...reportQueryShape,
  table: z.enum(EXPORT_TABLES, { error: `bảng phải là một trong: ${EXPORT_TABLES.join(', ')}` }).default('tickets'),
  /** CSV only: `excel-vi` is `;`-separated with decimal commas and dd/mm/yyyy dates (Excel on a Vietnamese Windows). */
  variant: z.enum(CSV_VARIANTS, { error: `variant phải là một trong: ${CSV_VARIANTS.join(', ')}` }).default('standard'),
}, unknownFilter);
export const NoticeBodySchema = z.strictObject({ notice: text(500) });
// ── Admin REST (docs/api.md, "Admin API") ───────────────────────────────────────────────────
export * from './admin-protocol.ts';
/** The dossier system's pull: records after a cursor, in cursor order. */
export const PullQuerySchema = z.strictObject({
  after: z.string().regex(/^\d{1,15}$/, 'con trỏ không hợp lệ').default('0').transform(Number),
  limit: z.string().regex(/^\d{1,4}$/, 'limit không hợp lệ').default('100').transform(Number).pipe(z.number().int().min(1, 'limit từ 1 đến 1000').max(1000, 'limit từ 1 đến 1000')),
});
