// The console's state: restored from the server's snapshot on every (re)connect, kept live by the
// events of the counter's room and its services' rooms, changed only through acknowledged commands.
// Nothing the officer is working on lives only in the page: a reload asks the server again.
import type { Params, Text } from '@core/i18n.ts';
import type { ServiceFigures } from '@core/estimate.ts';
import type { PriorityCategory } from '@core/config.ts';
import type { Ack, AckError, CommandInput, CommandName, CommandResults } from '@core/protocol.ts';
import type { CallView, CounterRef, CounterSnapshot, CounterView, ServiceRef, TicketSummary } from '@core/views.ts';
import type { LuotClient } from '@ui/connection.ts';
import { ConnectionStatus } from '@ui/connection-status.svelte.ts';
import { refusalText } from '@ui/staff-session.ts';
import { SearchIndex } from '@ui/search-index.svelte.ts';
import { withTicket } from './waiting.ts';

export type Panel = 'none' | 'finish' | 'transfer' | 'pause' | 'confirm-no-show' | 'confirm-close';
export interface Notice { kind: 'error' | 'ok'; text: Text; params?: Params; code?: string }

const ACK_TIMEOUT_MS = 10_000;
const REFRESH_DELAY_MS = 200;
const RECENT = 10;
/** Refusals that mean the page's picture was out of date: ask the server for the whole picture again. */
const STALE = new Set(['TICKET_TAKEN', 'NOT_FOR_THIS_COUNTER', 'INVALID_TRANSITION', 'QUEUE_EMPTY', 'COUNTER_BUSY', 'NO_CURRENT_TICKET', 'COUNTER_NOT_OPEN', 'COUNTER_PAUSED', 'TICKET_NOT_FOUND']);

export class ConsoleState {
  ready = $state(false);
  readonly link: ConnectionStatus;
  counter = $state.raw<CounterView | null>(null);
  allowedCounters = $state.raw<number[]>([]);
  waiting = $state.raw<TicketSummary[]>([]);
  figures = $state.raw<ServiceFigures[]>([]);
  officer = $state.raw<CounterSnapshot['officer']>(null);
  services = $state.raw<ServiceRef[]>([]);
  counters = $state.raw<CounterRef[]>([]);
  priorityCategories = $state.raw<PriorityCategory[]>([]);
  recent = $state.raw<TicketSummary[]>([]);
  /** Server time, ticking: timers use it so a wrong PC clock does not show wrong waits. */
  now = $state(Date.now());
  busy = $state<CommandName | null>(null);
  notice = $state.raw<Notice | null>(null);
  panel = $state<Panel>('none');
  selected = $state(0);
  /** The catalog search of the transfer and finish pickers, built the first time one opens. */
  readonly search: SearchIndex;
  private searchVersion = '';

  private offset = 0;
  /**
   * Tickets this counter has had as its current one. Its `counter:updated` (current gone) may
   * arrive before the ticket's own event: this, not `current`, tells a ticket that just ended here.
   */
  private readonly here = new Set<string>();
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private ticker: ReturnType<typeof setInterval>;

  constructor(private readonly socket: LuotClient) {
    this.ticker = setInterval(() => { this.now = Date.now() + this.offset; }, 500);
    this.link = new ConnectionStatus(socket);
    this.search = new SearchIndex(socket);
    socket.on('disconnect', () => { this.busy = null; });
    socket.on('snapshot', (s) => { if (s.role === 'counter') this.applySnapshot(s.counter); });
    socket.on('counter:updated', (c) => this.onCounterUpdated(c));
    socket.on('ticket:issued', (t) => this.onTicket(t));
    socket.on('ticket:called', (call) => this.onCalled(call));
    socket.on('ticket:started', (t) => this.onTicket(t));
    socket.on('ticket:finished', (t) => this.onTicket(t));
    socket.on('ticket:no-show', (t) => this.onTicket(t));
    socket.on('ticket:transferred', (t) => this.onTicket(t));
    socket.on('ticket:cancelled', (t) => this.onTicket(t));
    socket.on('rating:recorded', (t) => { this.recent = this.recent.map((r) => (r.id === t.id ? t : r)); });
    socket.on('queue:stats', (f) => { this.figures = f; });
    socket.on('day:started', () => { void this.reload(); });
  }

  dispose(): void {
    clearInterval(this.ticker);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.link.dispose();
  }

  get online(): boolean {
    return this.link.online;
  }

  get current(): TicketSummary | null {
    return this.counter?.current ?? null;
  }

  service(code: string): ServiceRef | undefined {
    return this.services.find((s) => s.code === code);
  }

  priorityName(code: string | null): PriorityCategory | undefined {
    return code === null ? undefined : this.priorityCategories.find((p) => p.code === code);
  }

  applySnapshot(s: CounterSnapshot): void {
    this.offset = s.now - Date.now();
    this.now = s.now;
    this.officer = s.officer;
    this.services = s.services;
    this.counters = s.counters;
    this.priorityCategories = s.priorityCategories;
    this.allowedCounters = s.allowedCounters;
    this.figures = s.figures;
    this.recent = s.recent;
    this.waiting = s.waiting;
    this.searchVersion = s.searchVersion;
    this.setCounter(s.counter);
    this.ready = true;
    // A search already in use follows catalog and dictionary changes.
    if (this.search.status !== 'idle') this.prepareSearch();
  }

  /** Build (or bring up to date) the pickers' search index. */
  prepareSearch(): void {
    void this.search.prepare({ searchVersion: this.searchVersion, services: this.services, departments: null });
  }

  /** The counter changed (here, in another tab, or by a manager): panels about a ticket that is gone close. */
  private setCounter(view: CounterView | null): void {
    const before = this.counter?.current?.id ?? null;
    this.counter = view && view.status !== 'closed' ? view : null;
    if (this.counter?.current) this.here.add(this.counter.current.id);
    const after = this.counter?.current?.id ?? null;
    if (before !== after && (this.panel === 'finish' || this.panel === 'transfer' || this.panel === 'confirm-no-show')) this.panel = 'none';
    if (!this.counter) {
      this.waiting = [];
      this.panel = 'none';
    } else if (this.counter.status === 'paused' && this.panel === 'pause') {
      this.panel = 'none';
    }
    this.selected = Math.min(this.selected, Math.max(0, this.waiting.length - 1));
  }

  private onCounterUpdated(view: CounterView): void {
    if (this.counter && view.number !== this.counter.number) return;
    if (!this.counter && view.officerId !== this.officer?.id) return;
    const opened = !this.counter && view.status !== 'closed';
    this.setCounter(view);
    // Opened from another tab: this page has no list for it yet.
    if (opened) void this.reload();
  }

  private onCalled(call: CallView): void {
    this.onTicket(call.ticket);
    if (this.counter && call.counter === this.counter.number) this.setCounter({ ...this.counter, current: call.ticket });
  }

  private onTicket(t: TicketSummary): void {
    const c = this.counter;
    if (!c) return;
    const stillHere = (t.status === 'called' || t.status === 'serving') && t.counter === c.number;
    if (c.current?.id === t.id) this.setCounter({ ...c, current: stillHere ? t : null });
    // Finished, no-show or transferred away: "Vừa kết thúc" shows it at once, whatever came first.
    if (!stillHere && (c.current?.id === t.id || this.here.has(t.id))) {
      this.here.delete(t.id);
      this.remember(t);
    }
    this.waiting = withTicket(this.waiting, t, c);
    this.selected = Math.min(this.selected, Math.max(0, this.waiting.length - 1));
    this.refreshSoon();
  }

  private remember(t: TicketSummary): void {
    this.recent = [t, ...this.recent.filter((r) => r.id !== t.id)].slice(0, RECENT);
  }

  /** The exact call order is the server's (routing rules, weights, the priority mix): ask after a change. */
  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (!this.counter || !this.socket.connected) return;
      this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('queue:get', {}).then((res) => {
        if (res.ok && this.counter) {
          this.offset = res.data.now - Date.now();
          this.waiting = res.data.waiting;
          this.selected = Math.min(this.selected, Math.max(0, this.waiting.length - 1));
        }
      }, () => { /* no answer: the next event or reconnect refreshes it */ });
    }, REFRESH_DELAY_MS);
  }

  async reload(): Promise<void> {
    if (!this.socket.connected) return;
    try {
      const res = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('snapshot:get', { view: 'counter' });
      if (res.ok && res.data.role === 'counter') this.applySnapshot(res.data.counter);
    } catch {
      // no answer: the reconnect snapshot will bring it
    }
  }

  /** Send one command at a time; refusals are shown as the server worded them. */
  async run<K extends CommandName>(name: K, payload: CommandInput<K>): Promise<CommandResults[K] | null> {
    if (!this.online || this.busy) return null;
    this.busy = name;
    let res: Ack<CommandResults[K]>;
    try {
      // One generic call site for every command: socket.io's types cannot pair K's payload and ack here.
      const timed = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(e: K, p: CommandInput<K>): Promise<Ack<CommandResults[K]>> };
      res = await timed.emitWithAck(name, payload);
    } catch {
      res = { ok: false, code: 'INTERNAL', message: 'Máy chủ không phản hồi, vui lòng thử lại', messageEn: 'The server did not answer, please try again' };
    } finally {
      this.busy = null;
    }
    if (res.ok) return res.data;
    this.fail(res);
    return null;
  }

  private fail(error: AckError): void {
    this.notice = { kind: 'error', text: refusalText(error), code: error.code };
    if (STALE.has(error.code)) void this.reload();
  }

  say(text: Text, params: Params = {}): void {
    this.notice = { kind: 'ok', text, params };
  }

  /** After an acknowledged ticket action: the ack is the truth even before the events arrive. */
  acted(t: TicketSummary): void {
    this.onTicket(t);
    if (this.counter && (t.status === 'called' || t.status === 'serving') && t.counter === this.counter.number) {
      this.setCounter({ ...this.counter, current: t });
    }
  }

  counterChanged(view: CounterView): void {
    const opened = !this.counter && view.status !== 'closed';
    this.setCounter(view);
    if (opened) void this.reload();
  }
}
