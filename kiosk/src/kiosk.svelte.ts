// The kiosk's state: the catalog from the server's snapshot (again on every reconnect), live
// queue figures, the screen the citizen is on, and the ticket being issued. A tap sends one
// request id; tapping again (a double tap, a retry after "no answer") resends the same id, and
// the server answers with the same ticket, printed once. What happens to the ticket once it is on
// screen (printing, reprint, "Hủy phiếu này") is IssuedTicket's (issued-ticket.svelte.ts).
import type { AckError, KioskIssuedTicket, KioskSetup } from '@core/protocol.ts';
import type { ServiceFigures } from '@core/estimate.ts';
import type { Catalog, CatalogService } from '@core/views.ts';
import type { LuotClient } from '@ui/connection.ts';
import { ConnectionStatus } from '@ui/connection-status.svelte.ts';
import type { LinkState } from '@ui/connection-status.svelte.ts';
import { lang } from '@ui/lang.svelte.ts';
import { KioskSearch } from './search.svelte.ts';
import { CheckIn } from './checkin.svelte.ts';
import { IssuedTicket } from './issued-ticket.svelte.ts';
import { newRequestId } from './request-id.ts';
import { parseCccdQr } from '@core/booking/cccd-qr.ts';
import { priorityByAge } from '@core/age-priority.ts';
import type { CheckInScreen } from './checkin.svelte.ts';

export type Screen =
  | { name: 'home' }
  | { name: 'department'; code: string }
  | { name: 'search' }
  | { name: 'priority' }
  | { name: 'ticket'; issued: KioskIssuedTicket }
  /** The optional phone step (only while messages are on) between the chosen service and the ticket. */
  | { name: 'phone'; serviceCode: string; procedureCode: string | null; fromSearch: boolean }
  | CheckInScreen;

/** The shared connection states, plus a kiosk opened without its pairing link. */
export type Link = LinkState | 'unpaired';

/** Seconds before an idle reset during which the screen offers to keep going. */
export const IDLE_WARNING_SEC = 15;
const ISSUE_TIMEOUT_MS = 10_000;
const REPRINT_TIMEOUT_MS = 30_000;
/** Issuing windows open and close by the clock, not by events: refresh the catalog now and then. */
const CATALOG_REFRESH_MS = 60_000;

/** The kiosk's clock and repeating timers, injected so tests can move time instead of waiting. */
export interface KioskClock {
  now(): number;
  /** Runs `run` every `ms`; returns what stops it. */
  every(run: () => void, ms: number): () => void;
}

export const browserClock: KioskClock = {
  now: () => Date.now(),
  every: (run, ms) => {
    const timer = setInterval(run, ms);
    return () => clearInterval(timer);
  },
};

export interface KioskOptions {
  clock?: KioskClock;
  /** How long a tap, a check-in or "Hủy phiếu này" waits for the server's answer. */
  issueTimeoutMs?: number;
  /** How long "In lại phiếu" waits for it. */
  reprintTimeoutMs?: number;
}

interface PendingRequest {
  serviceCode: string;
  priority: string | null;
  /** The procedure found by the search, recorded on the ticket. */
  procedureCode: string | null;
  requestId: string;
  phone: string | null;
  cccdQr: string | null;
}

export { newRequestId } from './request-id.ts';

export class KioskState {
  /** Null when the kiosk was opened without its pairing link. */
  readonly status: ConnectionStatus | null;
  catalog = $state.raw<Catalog | null>(null);
  figures = $state.raw<Map<string, ServiceFigures>>(new Map());
  setup = $state.raw<KioskSetup | null>(null);
  screen = $state.raw<Screen>({ name: 'home' });
  priority = $state<string | null>(null);
  query = $state('');
  busy = $state(false);
  /** Why the last tap gave no ticket (a refusal, or no answer). */
  error = $state.raw<AckError | 'no-answer' | null>(null);
  /** Seconds left before the screen returns to the start, when counting down. */
  countdown = $state<number | null>(null);
  /**
   * The ID card's QR a walk-in scanned (no booking today): sent with the ticket so the server can
   * give the age priority. Held in memory for this citizen only, cleared by reset().
   */
  cardQr = $state<string | null>(null);

  readonly search: KioskSearch;
  /** "Tôi đã đặt lịch", "Nhận kết quả" and the scanner. */
  readonly checkin: CheckIn;
  /** The ticket on the ticket screen: its printing, reprint, "Hủy phiếu này". */
  readonly issuedTicket: IssuedTicket;
  private pending: PendingRequest | null = null;
  private readonly clock: KioskClock;
  private readonly issueTimeoutMs: number;
  private lastTouch: number;
  private readonly timers: (() => void)[] = [];

  constructor(private readonly socket: LuotClient | null, options: KioskOptions = {}) {
    this.clock = options.clock ?? browserClock;
    this.issueTimeoutMs = options.issueTimeoutMs ?? ISSUE_TIMEOUT_MS;
    this.lastTouch = this.clock.now();
    this.search = new KioskSearch(socket);
    this.checkin = new CheckIn(this, socket, this.issueTimeoutMs);
    this.issuedTicket = new IssuedTicket(this, socket, this.clock, {
      undoMs: this.issueTimeoutMs,
      reprintMs: options.reprintTimeoutMs ?? REPRINT_TIMEOUT_MS,
    });
    this.status = socket ? new ConnectionStatus(socket) : null;
    if (!socket) return;
    socket.on('disconnect', () => { this.busy = false; });
    socket.on('device:replaced', (refusal) => this.status?.replaced(refusal));
    socket.on('snapshot', (s) => {
      if (s.role !== 'kiosk') return;
      this.catalog = s.catalog;
      this.figures = new Map(s.catalog.figures.map((f) => [f.serviceCode, f]));
      // A search already in use follows catalog changes (new procedures, synonyms, services).
      if (this.search.status !== 'idle') void this.search.prepareFor(s.catalog);
    });
    socket.on('kiosk:setup', (setup) => { this.setup = setup; });
    socket.on('queue:stats', (figures) => { this.figures = new Map(figures.map((f) => [f.serviceCode, f])); });
    socket.on('day:started', () => this.refresh());
    socket.on('print:status', (job) => this.issuedTicket.onPrintStatus(job));
    this.timers.push(this.clock.every(() => this.refresh(), CATALOG_REFRESH_MS));
    this.timers.push(this.clock.every(() => this.tick(), 1000));
  }

  get link(): Link {
    return this.status?.state ?? 'unpaired';
  }

  /** Why the server refused this kiosk, or that another machine took its token. */
  get refusal(): AckError | null {
    return this.status?.refusal ?? null;
  }

  get online(): boolean {
    return this.status?.online ?? false;
  }

  /** Take over from another machine that used this kiosk's token. */
  takeOver(): void {
    this.status?.reconnect();
  }

  refresh(): void {
    if (this.socket?.connected) this.socket.emit('snapshot:get', {}, () => {});
  }

  touch(): void {
    this.lastTouch = this.clock.now();
    if (this.screen.name === 'ticket') this.issuedTicket.touched();
    this.countdown = null;
    this.tick();
  }

  go(screen: Screen): void {
    this.screen = screen;
    this.error = null;
    this.touch();
  }

  /** Back to the start for the next citizen: nothing of this one stays on screen. */
  reset(): void {
    this.screen = { name: 'home' };
    this.priority = null;
    this.query = '';
    this.error = null;
    this.pending = null;
    this.countdown = null;
    this.issuedTicket.clear();
    this.checkin.reset();
    this.cardQr = null;
    lang.current = 'vi'; // the page's lang attribute follows (App.svelte)
    this.refresh();
  }

  private tick(): void {
    const now = this.clock.now();
    const setup = this.setup;
    this.issuedTicket.tick(now);
    if (!setup || this.screen.name === 'home') {
      this.countdown = null;
      return;
    }
    if (this.screen.name === 'ticket') {
      const left = this.issuedTicket.secondsBeforeReturn(this.screen.issued, setup.returnAfterSec, now);
      if (left <= 0) return this.reset();
      this.countdown = left;
      return;
    }
    const left = Math.ceil((this.lastTouch + setup.idleResetSec * 1000 - now) / 1000);
    if (left <= 0) return this.reset();
    this.countdown = left <= IDLE_WARNING_SEC ? left : null;
  }

  service(code: string): CatalogService | undefined {
    return this.catalog?.services.find((s) => s.code === code);
  }

  /** A service chosen: the phone step first when messages are on, else the ticket at once. */
  take(service: CatalogService, procedureCode: string | null = null): void {
    if (this.busy || !this.online || !this.socket || !service.availability.open) return;
    if (this.catalog?.phoneStep) {
      this.go({ name: 'phone', serviceCode: service.code, procedureCode, fromSearch: this.screen.name === 'search' });
      return;
    }
    this.issue(service, procedureCode, null);
  }

  /** A walk-in scanned the ID card and has no booking today: the age rule may give priority now. */
  cardWithoutBooking(raw: string): void {
    this.cardQr = raw;
    const rule = this.catalog?.agePriority ?? null;
    const card = parseCccdQr(raw);
    if (!rule || 'problem' in card || !this.catalog) return;
    const category = priorityByAge(rule, card.birthDate, this.catalog.day);
    if (category && this.catalog.priorityCategories.some((p) => p.code === category)) this.priority = category;
  }

  /** The ticket: `phone` from the phone step (null: skipped or not offered). */
  issue(service: CatalogService, procedureCode: string | null, phone: string | null, fromSearch = this.screen.name === 'search'): void {
    if (this.busy || !this.online || !this.socket || !service.availability.open) return;
    const same = this.pending && this.pending.serviceCode === service.code && this.pending.priority === this.priority && this.pending.procedureCode === procedureCode
      && this.pending.phone === phone && this.pending.cccdQr === this.cardQr;
    const request: PendingRequest = same && this.pending ? this.pending
      : { serviceCode: service.code, priority: this.priority, procedureCode, requestId: newRequestId(), phone, cccdQr: this.cardQr };
    this.pending = request;
    this.busy = true;
    this.error = null;
    this.socket.timeout(this.issueTimeoutMs).emit('ticket:issue', { ...request, lang: lang.current }, (err, ack) => {
      this.busy = false;
      if (err) {
        // Maybe issued, maybe not: the same request id on the next tap settles it without a second ticket.
        this.error = 'no-answer';
        return;
      }
      if (!ack.ok) {
        this.pending = null;
        this.error = ack;
        this.refresh();
        return;
      }
      this.pending = null;
      if (fromSearch) this.search.chosen(procedureCode ?? service.code);
      this.issuedTicket.show(ack.data);
    });
  }

  destroy(): void {
    for (const stop of this.timers) stop();
    this.status?.dispose();
    this.socket?.close();
  }
}
