// The rating pad's state: which citizen the counter serves now, and the rating it is asking for.
// The pad records "not rated" itself when its countdown ends (the server has a later backstop for
// a pad that is off); an answer given while offline is sent when the connection is back.
import type { Text } from '@core/i18n.ts';
import type { Ack, CommandInput, CommandResults } from '@core/protocol.ts';
import type { RatingSettings } from '@core/rating.ts';
import type { CounterView, RatingPadSnapshot, RatingRequest, TicketSummary } from '@core/views.ts';
import type { LuotClient } from '@ui/connection.ts';
import { ConnectionStatus } from '@ui/connection-status.svelte.ts';

export type Screen = 'idle' | 'score' | 'details' | 'thanks';

const THANKS_MS = 6_000;
const ACK_TIMEOUT_MS = 10_000;

export class PadState {
  readonly link: ConnectionStatus;
  counter = $state.raw<CounterView | null>(null);
  settings = $state.raw<RatingSettings | null>(null);
  request = $state.raw<RatingRequest | null>(null);
  screen = $state<Screen>('idle');
  secondsLeft = $state(0);
  score = $state<number | null>(null);
  reasons = $state<string[]>([]);
  comment = $state('');
  sendFailed = $state(false);

  private deadline = 0;
  /** Score and details together never outlast two timeouts: the server's backstop comes after that. */
  private lastChance = 0;
  private unsent: CommandInput<'rating:submit'> | null = null;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(private readonly socket: LuotClient) {
    this.ticker = setInterval(() => this.tick(), 250);
    this.link = new ConnectionStatus(socket);
    socket.on('connect', () => { if (this.unsent) void this.send(this.unsent); });
    socket.on('snapshot', (s) => { if (s.role === 'rating') this.applySnapshot(s.rating); });
    socket.on('counter:updated', (c) => { if (!this.counter || c.number === this.counter.number) this.counter = c; });
    socket.on('ticket:called', (call) => {
      if (!this.counter || call.counter !== this.counter.number) return;
      this.counter = { ...this.counter, current: call.ticket };
      if (this.screen === 'thanks') this.screen = 'idle'; // the next citizen is coming: show the number
    });
    socket.on('ticket:started', (t) => this.onTicketLeftOrChanged(t));
    socket.on('ticket:no-show', (t) => this.onTicketLeftOrChanged(t));
    socket.on('ticket:transferred', (t) => this.onTicketLeftOrChanged(t));
    socket.on('rating:requested', (r) => this.begin(r, r.timeoutSec * 1000));
    socket.on('rating:recorded', (t) => {
      // Recorded elsewhere (the server's backstop, another pad): stop asking.
      if (this.request?.ticket.id === t.id && (this.screen === 'score' || this.screen === 'details')) this.finishRating();
    });
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.link.dispose();
  }

  get online(): boolean {
    return this.link.online;
  }

  /** Why the server refused this pad (revoked or unknown token), in both languages. */
  get refused(): Text | null {
    const r = this.link.refusal;
    return r ? { vi: r.message, en: r.messageEn } : null;
  }

  private applySnapshot(s: RatingPadSnapshot): void {
    this.counter = s.counter;
    this.settings = s.settings;
    const p = s.pending;
    const asking = this.screen === 'score' || this.screen === 'details';
    if (p && p.ticket.id !== this.request?.ticket.id && !asking) {
      const left = p.timeoutSec * 1000 - (s.now - (p.ticket.finishedAt ?? s.now));
      if (left > 1000) this.begin(p, left);
    }
  }

  private onTicketLeftOrChanged(t: TicketSummary): void {
    const c = this.counter;
    if (!c || c.current?.id !== t.id) return;
    const here = (t.status === 'called' || t.status === 'serving') && t.counter === c.number;
    this.counter = { ...c, current: here ? t : null };
  }

  private begin(request: RatingRequest, ms: number): void {
    if (this.request?.ticket.id === request.ticket.id && this.screen !== 'idle') return;
    this.request = request;
    this.screen = 'score';
    this.score = null;
    this.reasons = [];
    this.comment = '';
    this.sendFailed = false;
    this.deadline = Date.now() + ms;
    this.lastChance = this.deadline + request.timeoutSec * 1000;
    this.tick();
  }

  private tick(): void {
    const left = this.deadline - Date.now();
    this.secondsLeft = Math.max(0, Math.ceil(left / 1000));
    if (left > 0) return;
    if (this.screen === 'score') void this.submit(null);
    else if (this.screen === 'details') void this.submit(this.score);
    else if (this.screen === 'thanks') this.screen = 'idle';
  }

  /** A face was touched: low scores ask why (with a fresh countdown), others are sent at once. */
  choose(score: number): void {
    if (this.screen !== 'score' || !this.settings) return;
    this.score = score;
    if (score <= this.settings.reasonsAtOrBelow && this.settings.reasons.length > 0) {
      this.screen = 'details';
      this.deadline = Math.min(this.lastChance, Date.now() + this.settings.timeoutSec * 1000);
      this.tick();
    } else {
      void this.submit(score);
    }
  }

  toggleReason(code: string): void {
    this.reasons = this.reasons.includes(code) ? this.reasons.filter((r) => r !== code) : [...this.reasons, code];
    this.touched();
  }

  /** Still choosing or typing: do not cut the citizen off (up to the last chance). */
  touched(): void {
    if (this.screen === 'details') this.deadline = Math.min(this.lastChance, Math.max(this.deadline, Date.now() + 10_000));
  }

  async submit(score: number | null): Promise<void> {
    const request = this.request;
    if (!request || (this.screen !== 'score' && this.screen !== 'details')) return;
    const payload: CommandInput<'rating:submit'> = score === null
      ? { ticketId: request.ticket.id, score: null }
      : { ticketId: request.ticket.id, score, reasons: this.screen === 'details' ? this.reasons : [], comment: this.screen === 'details' ? this.comment.trim() : '' };
    // The citizen sees the answer taken at once; the pad keeps it until the server has it.
    if (score === null) this.finishRating();
    else {
      this.screen = 'thanks';
      this.deadline = Date.now() + THANKS_MS;
    }
    await this.send(payload);
  }

  private finishRating(): void {
    this.screen = 'idle';
    this.deadline = 0;
  }

  private async send(payload: CommandInput<'rating:submit'>): Promise<void> {
    this.unsent = payload;
    if (!this.socket.connected) return;
    let res: Ack<CommandResults['rating:submit']>;
    try {
      res = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('rating:submit', payload);
    } catch {
      return; // no answer: kept in `unsent`, sent again on reconnect
    }
    if (this.unsent === payload) this.unsent = null;
    // ALREADY_RATED: recorded already (an earlier send did arrive); anything else is shown briefly.
    this.sendFailed = !res.ok && res.code !== 'ALREADY_RATED';
  }
}
