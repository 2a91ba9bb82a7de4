// The manager's live floor: every service's queue, every counter, the devices, alerts, the notice
// and the dossier bridge's state. Pure: the server passes the day, the presence of devices, the
// print faults and the outbox status, and the time.
import type { MessagesStatus } from './messages/status.ts';
import type { HubLinkStatus } from './hub-link-status.ts';
import type { ConfigIndex } from './config.ts';
import { allServiceFigures } from './estimate.ts';
import type { Text } from './i18n.ts';
import { fill } from './i18n.ts';
import type { PrintFault } from './print-fault.ts';
import type { DeviceKind } from './roles.ts';
import { serviceSeconds } from './service-record.ts';
import type { CounterStatus, DayState, TicketStatus } from './ticket.ts';
import { waitingTickets } from './ticket.ts';
import { managerApp } from './text/manager.ts';

/** A counter paused longer than this is an alert. */
export const PAUSE_ALERT_MIN = 15;
/** A display or kiosk offline longer than this is an alert (a reboot or a reconnect is not). */
export const DEVICE_OFFLINE_ALERT_SEC = 60;
/** Print faults this recent are an alert. */
export const PRINT_FAULT_WINDOW_MIN = 15;
/** Records undelivered for this long (or with a failing receiver) are an alert. */
export const EXPORT_BACKLOG_ALERT_MIN = 10;

export interface LiveService {
  code: string;
  departmentCode: string;
  nameVi: string;
  nameEn: string;
  prefix: string;
  waiting: number;
  priorityWaiting: number;
  longestWaitSec: number;
  targetWaitMin: number;
  /** Waiting tickets already past the target wait. */
  overTarget: number;
  etaMin: number | null;
  issuedToday: number;
  servedToday: number;
}

export interface LiveCounter {
  number: number;
  nameVi: string;
  nameEn: string;
  zone: string;
  status: CounterStatus;
  since: number;
  officerName: string | null;
  pauseReason: string | null;
  current: { number: string; serviceCode: string; status: TicketStatus; calledAt: number | null } | null;
  servedToday: number;
  avgServiceSec: number | null;
}

export interface DevicePresence {
  id: string;
  kind: DeviceKind;
  name: string;
  zone: string | null;
  counter: number | null;
  online: boolean;
  /** When it connected (online) or went away (offline); for a device not seen since the server started, the start. */
  since: number;
  /** Seen at all since the server started. */
  seen: boolean;
}

export interface LivePrinter {
  kiosk: string;
  printer: string;
  /** For a printer bridge: whether its device is connected; null for a network printer. */
  online: boolean | null;
  lastFault: PrintFault | null;
}

export type DeliveryErrorKind = 'timeout' | 'http' | 'unreachable' | 'garbage' | 'missing';

export interface ExportStatus {
  /** Push configured (EXPORT_PUSH_URL). */
  pushEnabled: boolean;
  /** Pull API available (EXPORT_API_KEY). */
  pullEnabled: boolean;
  /** The receiver's origin, e.g. http://10.0.0.5:8080 (no path, no secrets). */
  target: string | null;
  /** Why push or pull is off although configured (a bad URL, a short secret), else null. */
  problem: Text | null;
  /** Record keys in the outbox (each counted once, whatever its revisions). */
  records: number;
  pending: number;
  delivered: number;
  oldestPendingAt: number | null;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: { at: number; kind: DeliveryErrorKind; status: number | null; text: Text } | null;
  nextAttemptAt: number | null;
  /** Waiting records the receiver refused at their last try, and the latest refusal: shown until they are delivered. */
  refusedRecords: number;
  lastRefusal: { at: number; kind: DeliveryErrorKind; status: number | null; text: Text } | null;
}

export type AlertKind = 'wait-over-target' | 'counter-paused' | 'display-offline' | 'kiosk-offline' | 'printer-fault' | 'printer-offline' | 'export-failing' | 'storage-failing';

export interface Alert {
  kind: AlertKind;
  /** What it is about (a service code, a counter number, a device id…), for keys and tests. */
  subject: string;
  severity: 'warning' | 'critical';
  since: number;
  text: Text;
}

export interface ManagerLive {
  now: number;
  day: string;
  notice: string;
  totals: { issued: number; waiting: number; serving: number; served: number; noShow: number; cancelled: number; openCounters: number };
  services: LiveService[];
  counters: LiveCounter[];
  devices: DevicePresence[];
  printers: LivePrinter[];
  alerts: Alert[];
  export: ExportStatus;
  /** Messages to citizens' phones (server/messages), when the server has them. */
  messages?: MessagesStatus;
  /** The link to the province hub (server/hub-link), when the server has one. */
  hubLink?: HubLinkStatus;
}

export interface LiveInput {
  state: DayState;
  index: ConfigIndex;
  now: number;
  officerName: (id: string | null) => string | null;
  devices: DevicePresence[];
  printFaults: readonly PrintFault[];
  exportStatus: ExportStatus;
  /** Set while the day cannot be written to disk (every command is refused meanwhile). */
  writeFault?: { since: number; error: string } | null;
}

const text = (t: Text, params: Record<string, string | number | Text>): Text => ({ vi: fill(t.vi, params, 'vi'), en: fill(t.en, params, 'en') });
const minutes = (ms: number) => Math.floor(ms / 60_000);

export function buildManagerLive(input: LiveInput): ManagerLive {
  const { state, index, now } = input;
  const cfg = index.config;
  const tickets = Object.values(state.tickets);
  const totals = { issued: tickets.length, waiting: 0, serving: 0, served: 0, noShow: 0, cancelled: 0, openCounters: 0 };
  const servedByService = new Map<string, number>();
  const serviceTimes = new Map<number, number[]>();
  for (const t of tickets) {
    if (t.status === 'waiting') totals.waiting += 1;
    else if (t.status === 'called' || t.status === 'serving') totals.serving += 1;
    else if (t.status === 'done') {
      totals.served += 1;
      servedByService.set(t.serviceCode, (servedByService.get(t.serviceCode) ?? 0) + 1);
      const sec = serviceSeconds(t);
      if (sec !== null && t.counter !== null) serviceTimes.set(t.counter, [...(serviceTimes.get(t.counter) ?? []), sec]);
    } else if (t.status === 'no-show') totals.noShow += 1;
    else totals.cancelled += 1;
  }
  const over = new Map<string, number>();
  for (const t of waitingTickets(state)) {
    const target = (index.service.get(t.serviceCode)?.targetWaitMin ?? Infinity) * 60_000;
    if (now - t.queuedAt > target) over.set(t.serviceCode, (over.get(t.serviceCode) ?? 0) + 1);
  }
  const figures = new Map(allServiceFigures(state, index, now).map((f) => [f.serviceCode, f]));
  const services: LiveService[] = cfg.services.map((s) => {
    const f = figures.get(s.code);
    return {
      code: s.code, departmentCode: s.departmentCode, nameVi: s.nameVi, nameEn: s.nameEn, prefix: s.prefix,
      waiting: f?.waiting ?? 0, priorityWaiting: f?.priorityWaiting ?? 0, longestWaitSec: f?.longestWaitSec ?? 0,
      targetWaitMin: s.targetWaitMin, overTarget: over.get(s.code) ?? 0, etaMin: f?.etaMin ?? null,
      issuedToday: f?.issuedToday ?? 0, servedToday: servedByService.get(s.code) ?? 0,
    };
  });
  const counters: LiveCounter[] = cfg.counters.map((c) => {
    const st = state.counters[String(c.number)];
    const current = st?.currentTicketId ? state.tickets[st.currentTicketId] : undefined;
    const live = current && (current.status === 'called' || current.status === 'serving') ? current : undefined;
    const times = serviceTimes.get(c.number) ?? [];
    if (st && st.status !== 'closed') totals.openCounters += 1;
    return {
      number: c.number, nameVi: c.nameVi, nameEn: c.nameEn, zone: c.zone,
      status: st?.status ?? 'closed', since: st?.since ?? 0, officerName: input.officerName(st?.officerId ?? null),
      pauseReason: st?.pauseReason ?? null,
      current: live ? { number: live.number, serviceCode: live.serviceCode, status: live.status, calledAt: live.calledAt } : null,
      servedToday: st?.servedToday ?? 0,
      avgServiceSec: times.length === 0 ? null : times.reduce((a, b) => a + b, 0) / times.length,
    };
  });
  const printers = livePrinters(cfg.printers, input.devices, input.printFaults);
  return {
    now, day: state.day, notice: cfg.display.notice, totals, services, counters,
    devices: input.devices, printers, export: input.exportStatus,
    alerts: alerts({ ...input, services, counters, printers }),
  };
}

function livePrinters(targets: ConfigIndex['config']['printers'], devices: DevicePresence[], faults: readonly PrintFault[]): LivePrinter[] {
  return Object.entries(targets).map(([kiosk, target]) => {
    const printer = target.kind === 'network' ? target.url : `bridge: ${target.bridgeDevice}`;
    const bridge = target.kind === 'bridge' ? devices.find((d) => d.kind === 'printer' && d.name === target.bridgeDevice) : undefined;
    const lastFault = [...faults].reverse().find((f) => f.kioskName === kiosk) ?? null;
    return { kiosk, printer, online: target.kind === 'bridge' ? bridge?.online ?? false : null, lastFault };
  });
}

function alerts(input: LiveInput & { services: LiveService[]; counters: LiveCounter[]; printers: LivePrinter[] }): Alert[] {
  const { now } = input;
  const out: Alert[] = [];
  for (const s of input.services) {
    if (s.overTarget === 0) continue;
    out.push({
      kind: 'wait-over-target', subject: s.code, severity: s.longestWaitSec > s.targetWaitMin * 120 ? 'critical' : 'warning',
      since: now - s.longestWaitSec * 1000,
      text: text(managerApp.alertWaitOverTarget, {
        service: { vi: s.nameVi, en: s.nameEn }, count: s.overTarget, target: s.targetWaitMin, longest: Math.floor(s.longestWaitSec / 60),
      }),
    });
  }
  for (const c of input.counters) {
    if (c.status !== 'paused' || now - c.since < PAUSE_ALERT_MIN * 60_000) continue;
    out.push({
      kind: 'counter-paused', subject: String(c.number), severity: 'warning', since: c.since,
      text: text(managerApp.alertCounterPaused, { counter: { vi: c.nameVi, en: c.nameEn }, min: minutes(now - c.since), reason: c.pauseReason ?? '' }),
    });
  }
  for (const d of input.devices) {
    if (d.kind !== 'display' || d.online || now - d.since < DEVICE_OFFLINE_ALERT_SEC * 1000) continue;
    out.push({
      kind: 'display-offline', subject: d.id, severity: 'warning', since: d.since,
      text: text(d.seen ? managerApp.alertDisplayOffline : managerApp.alertDisplayNeverSeen, { name: d.name, min: minutes(now - d.since) }),
    });
  }
  // A kiosk away is a lobby where nobody can take a number: as urgent as a dark board.
  for (const d of input.devices) {
    if (d.kind !== 'kiosk' || d.online || now - d.since < DEVICE_OFFLINE_ALERT_SEC * 1000) continue;
    out.push({
      kind: 'kiosk-offline', subject: d.id, severity: 'warning', since: d.since,
      text: text(d.seen ? managerApp.alertKioskOffline : managerApp.alertKioskNeverSeen, { name: d.name, min: minutes(now - d.since) }),
    });
  }
  for (const p of input.printers) {
    if (p.online === false) {
      const name = p.printer.replace(/^bridge: /, '');
      const since = input.devices.find((d) => d.kind === 'printer' && d.name === name)?.since ?? now;
      out.push({ kind: 'printer-offline', subject: p.kiosk, severity: 'critical', since, text: text(managerApp.alertPrinterOffline, { name }) });
    }
    const recent = input.printFaults.filter((f) => f.kioskName === p.kiosk && now - f.at < PRINT_FAULT_WINDOW_MIN * 60_000);
    const last = recent[recent.length - 1];
    if (last) {
      out.push({
        kind: 'printer-fault', subject: p.kiosk, severity: 'critical', since: recent[0]!.at,
        text: text(managerApp.alertPrinterFault, {
          kiosk: p.kiosk, message: { vi: last.message, en: last.messageEn }, count: recent.length, window: PRINT_FAULT_WINDOW_MIN,
        }),
      });
    }
  }
  const ex = input.exportStatus;
  const stale = ex.oldestPendingAt !== null && now - ex.oldestPendingAt > EXPORT_BACKLOG_ALERT_MIN * 60_000;
  // A refused record raises it too: the records after it may go through (and clear lastError).
  if (ex.pushEnabled && ex.pending > 0 && (stale || ex.lastError !== null || ex.refusedRecords > 0)) {
    out.push({
      kind: 'export-failing', subject: 'export', severity: stale ? 'critical' : 'warning', since: ex.oldestPendingAt ?? now,
      text: text(managerApp.alertExportFailing, { pending: ex.pending, error: (ex.lastError ?? ex.lastRefusal)?.text ?? { vi: 'đang chờ gửi', en: 'waiting to be sent' } }),
    });
  }
  if (input.writeFault) {
    out.push({
      kind: 'storage-failing', subject: 'storage', severity: 'critical', since: input.writeFault.since,
      text: text(managerApp.alertStorageFailing, { error: input.writeFault.error }),
    });
  }
  const rank = { critical: 0, warning: 1 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity] || a.since - b.since);
}
