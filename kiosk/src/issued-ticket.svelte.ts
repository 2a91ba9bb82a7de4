// The ticket just issued, once it is on screen: how its printing goes (`print:status`), a reprint
// when it did not come out, "Hủy phiếu này" for a few seconds after issuing, and how long the
// screen stays before returning to the start. The ticket itself lives in the kiosk's screen
// ({ name: 'ticket', issued }), so this reads it there and replaces it when its print job changes.
import type { AckError, KioskIssuedTicket, PrintJobView } from '@core/protocol.ts';
import type { LuotClient } from '@ui/connection.ts';
import { lang } from '@ui/lang.svelte.ts';
import type { KioskClock, Screen } from './kiosk.svelte.ts';
import { newRequestId } from './request-id.ts';

/**
 * Seconds the ticket screen offers "Hủy phiếu này" after issuing: long enough to notice a
 * mis-tap, well inside the server's KIOSK_UNDO_SEC so a slow answer is still accepted.
 */
export const UNDO_SHOW_SEC = 10;
/** Seconds the start screen says which ticket was just cancelled. */
const CANCELLED_NOTE_SEC = 8;

/** What the issued ticket needs of the kiosk around it (KioskState). */
export interface TicketHost {
  screen: Screen;
  readonly online: boolean;
  go(screen: Screen): void;
  touch(): void;
  reset(): void;
}

export interface IssuedTicketTimeouts {
  /** How long "Hủy phiếu này" waits for the server's answer. */
  undoMs: number;
  reprintMs: number;
}

export class IssuedTicket {
  reprinting = $state(false);
  /** The last reprint got no answer: said under the button, so a tap that did nothing is not a mystery. */
  reprintError = $state<'no-answer' | null>(null);
  /** Seconds left to take the ticket back ("Hủy phiếu này"), or null when no longer offered. */
  undoLeft = $state<number | null>(null);
  undoing = $state(false);
  /** Why taking the ticket back was refused (shown on the ticket screen). */
  undoError = $state.raw<AckError | 'no-answer' | null>(null);
  /** The number of the ticket just cancelled here, said on the start screen for a moment. */
  cancelledNumber = $state<string | null>(null);
  /** When the ticket was issued: the undo offer counts from here. */
  private issuedAt = 0;
  /** When the ticket screen was last touched: the return to the start counts from here. */
  private touchedAt = 0;
  private cancelledAt = 0;
  /** The reprint that got no answer: tapping again resends its request id (printed once). */
  private reprintRequest: string | null = null;

  constructor(
    private readonly host: TicketHost,
    private readonly socket: LuotClient | null,
    private readonly clock: KioskClock,
    private readonly timeouts: IssuedTicketTimeouts,
  ) {}

  /** A ticket just issued (a tap, a check-in, a pick-up): on screen, with "Hủy phiếu này" for a moment. */
  show(issued: KioskIssuedTicket): void {
    this.touchedAt = this.clock.now();
    this.issuedAt = this.clock.now();
    this.undoLeft = UNDO_SHOW_SEC;
    this.undoError = null;
    this.reprintError = null;
    this.cancelledNumber = null;
    this.host.go({ name: 'ticket', issued });
  }

  /** The citizen touched the ticket screen: it stays its full time again. */
  touched(): void {
    this.touchedAt = this.clock.now();
  }

  /**
   * Back to the start for the next citizen: nothing of this ticket is offered any more, and a
   * reprint or an undo still waiting for its answer no longer holds the next ticket's buttons (its
   * late answer is for a ticket no longer shown, and is dropped).
   */
  clear(): void {
    this.reprintRequest = null;
    this.reprintError = null;
    this.reprinting = false;
    this.undoing = false;
    this.undoLeft = null;
    this.undoError = null;
  }

  /** Every second: the undo offer counts down, the "cancelled" note goes away. */
  tick(now: number): void {
    if (this.cancelledNumber !== null && now - this.cancelledAt > CANCELLED_NOTE_SEC * 1000) this.cancelledNumber = null;
    if (this.host.screen.name === 'ticket' && this.undoLeft !== null) {
      const left = Math.ceil((this.issuedAt + UNDO_SHOW_SEC * 1000 - now) / 1000);
      this.undoLeft = left > 0 ? left : null;
    }
  }

  /** Seconds before the ticket screen returns to the start by itself. */
  secondsBeforeReturn(issued: KioskIssuedTicket, returnAfterSec: number, now: number): number {
    // Without a printed ticket the citizen has to write the number down: give them longer.
    const printed = ['printing', 'printed'].includes(issued.print.state);
    return Math.ceil((this.touchedAt + returnAfterSec * (printed ? 1 : 2) * 1000 - now) / 1000);
  }

  /** The ticket screen, while it still shows this ticket: an answer may come after the citizen left. */
  private showing(ticketId: string): Extract<Screen, { name: 'ticket' }> | null {
    const screen = this.host.screen;
    return screen.name === 'ticket' && screen.issued.ticket.id === ticketId ? screen : null;
  }

  onPrintStatus(job: PrintJobView): void {
    const screen = this.showing(job.ticketId);
    if (!screen) return;
    // A late "printing" never replaces an outcome.
    if (job.state === 'printing' && screen.issued.print.state !== 'printing') return;
    this.host.screen = { name: 'ticket', issued: { ...screen.issued, print: job } };
  }

  reprint(): void {
    const screen = this.host.screen;
    if (screen.name !== 'ticket' || this.reprinting || !this.host.online || !this.socket) return;
    this.reprintRequest ??= newRequestId();
    this.reprinting = true;
    this.reprintError = null;
    this.host.touch();
    const ticketId = screen.issued.ticket.id;
    this.socket.timeout(this.timeouts.reprintMs).emit('ticket:reprint', { ticketId, requestId: this.reprintRequest, lang: lang.current }, (err, ack) => {
      this.reprinting = false;
      const now = this.showing(ticketId);
      if (!now) return;
      if (err) {
        this.reprintError = 'no-answer';
        return;
      }
      this.reprintRequest = null;
      const print: PrintJobView = ack.ok ? ack.data : { jobId: 'refused', ticketId, state: 'failed', error: ack, at: this.clock.now() };
      this.host.screen = { name: 'ticket', issued: { ...now.issued, print } };
      this.host.touch();
    });
  }

  /** "Hủy phiếu này": cancel the ticket just issued (the server checks it is this kiosk's, and in time). */
  undo(): void {
    const screen = this.host.screen;
    if (screen.name !== 'ticket' || this.undoing || !this.host.online || !this.socket || this.undoLeft === null) return;
    this.undoing = true;
    this.undoError = null;
    const { id, number } = screen.issued.ticket;
    this.socket.timeout(this.timeouts.undoMs).emit('ticket:undo', { ticketId: id }, (err, ack) => {
      this.undoing = false;
      if (!this.showing(id)) return;
      if (err) {
        this.undoError = 'no-answer';
        return;
      }
      if (!ack.ok) {
        this.undoLeft = null;
        this.undoError = ack;
        return;
      }
      this.host.reset();
      this.cancelledNumber = number;
      this.cancelledAt = this.clock.now();
    });
  }
}
