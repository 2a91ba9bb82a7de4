// The one definition of every Socket.IO event: payload schemas (zod) and their types under one
// name, the results each command acknowledges, and the events the server pushes.
// Imported by the server and by every app.
import { z } from 'zod';
import type { ErrorCode } from './i18n.ts';
import type { ServiceFigures } from './estimate.ts';
import type {
  CallView, Catalog, CounterSnapshot, CounterView, DisplaySnapshot, ManagerSnapshot,
  RatingPadSnapshot, RatingRequest, TicketSummary,
} from './views.ts';

const text = (max: number) => z.string().max(max).transform((s) => s.normalize('NFC').trim());
const ticketId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'mã phiếu không hợp lệ');
const counterNumber = z.number().int().min(1).max(999);
const serviceCode = z.string().min(1).max(24);

export const Empty = z.strictObject({}).optional().default({});

export const commandSchemas = {
  /** Staff choose the view: an officer's console, or the manager's overview. */
  'snapshot:get': z.strictObject({ view: z.enum(['counter', 'manager']).optional() }).optional().default({}),
  'ticket:issue': z.strictObject({
    serviceCode,
    priority: z.string().max(32).nullable().default(null),
    /** Chosen by the kiosk per tap: repeating it returns the same ticket instead of a new one. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  }),
  'counter:open': z.strictObject({ counter: counterNumber }),
  'counter:pause': z.strictObject({ reason: text(100).pipe(z.string().min(1)) }),
  'counter:resume': Empty,
  'counter:close': Empty,
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
} as const;

export type CommandName = keyof typeof commandSchemas;
export type CommandPayload<K extends CommandName> = z.output<(typeof commandSchemas)[K]>;
export type CommandInput<K extends CommandName> = z.input<(typeof commandSchemas)[K]>;

export interface IssuedTicket {
  ticket: TicketSummary;
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
  'ticket:issue': IssuedTicket;
  'counter:open': CounterView;
  'counter:pause': CounterView;
  'counter:resume': CounterView;
  'counter:close': CounterView;
  'ticket:call-next': TicketSummary;
  'ticket:call': TicketSummary;
  'ticket:recall': TicketSummary;
  'ticket:start': TicketSummary;
  'ticket:finish': TicketSummary;
  'ticket:no-show': TicketSummary;
  'ticket:transfer': TicketSummary;
  'ticket:cancel': TicketSummary;
  'rating:submit': TicketSummary;
}

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
  'queue:stats': (figures: ServiceFigures[]) => void;
  'rating:requested': (request: RatingRequest) => void;
  'rating:recorded': (ticket: TicketSummary) => void;
  'day:started': (day: { day: string }) => void;
}

/** The Socket.IO handshake: a person's session token or a device's token. */
export const HandshakeAuthSchema = z.union([
  z.object({ sessionToken: z.string().min(16).max(200) }),
  z.object({ deviceToken: z.string().min(16).max(200) }),
]);
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;

export const ROLES = ['officer', 'manager', 'admin'] as const;
export type UserRole = (typeof ROLES)[number];
export const DEVICE_KINDS = ['kiosk', 'display', 'rating', 'printer'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Which principals may send each command. Checked before validation, so a kiosk learns nothing. */
export const commandRoles: Record<CommandName, readonly (UserRole | DeviceKind)[]> = {
  'snapshot:get': ['officer', 'manager', 'admin', 'kiosk', 'display', 'rating', 'printer'],
  'ticket:issue': ['kiosk'],
  'counter:open': ['officer', 'manager', 'admin'],
  'counter:pause': ['officer', 'manager', 'admin'],
  'counter:resume': ['officer', 'manager', 'admin'],
  'counter:close': ['officer', 'manager', 'admin'],
  'ticket:call-next': ['officer', 'manager', 'admin'],
  'ticket:call': ['officer', 'manager', 'admin'],
  'ticket:recall': ['officer', 'manager', 'admin'],
  'ticket:start': ['officer', 'manager', 'admin'],
  'ticket:finish': ['officer', 'manager', 'admin'],
  'ticket:no-show': ['officer', 'manager', 'admin'],
  'ticket:transfer': ['officer', 'manager', 'admin'],
  'ticket:cancel': ['manager', 'admin'],
  'rating:submit': ['rating'],
};

// REST bodies
export const LoginBodySchema = z.strictObject({
  username: z.string().min(1).max(64).transform((s) => s.trim().toLowerCase()),
  password: z.string().min(1).max(200),
});
export const IssueTicketBodySchema = z.strictObject({
  serviceCode,
  priority: z.string().max(32).nullable().default(null),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});
export const CreateDeviceBodySchema = z.strictObject({
  kind: z.enum(DEVICE_KINDS),
  name: text(100).pipe(z.string().min(1)),
  zone: z.string().min(1).max(40).nullable().default(null),
  counter: counterNumber.nullable().default(null),
});
