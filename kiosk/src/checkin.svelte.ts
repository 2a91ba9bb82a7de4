// Check-in with a booking ("Tôi đã đặt lịch"), result pick-up ("Nhận kết quả") and the USB scanner.
// The scanner types like a keyboard and ends with Enter: every keydown of the page goes through
// core's ScanDetector, whatever the screen; a scan is routed by what it is (core/scan-route.ts).
// The CCCD QR is sent to the server as scanned and is never kept or shown here. A retry after
// "no answer" resends the same request id, so the server answers with the same ticket.
import type { AckError, BookingChoices, CommandInput, KioskIssuedTicket } from '@core/protocol.ts';
import { ScanDetector } from '@core/scan.ts';
import { routeScan } from '@core/scan-route.ts';
import { kiosk as k } from '@core/text/kiosk.ts';
import type { LuotClient } from '@ui/connection.ts';
import { lang } from '@ui/lang.svelte.ts';
import type { KioskState } from './kiosk.svelte.ts';
import { newRequestId } from './request-id.ts';

export type Purpose = 'booking' | 'result';

export type CheckInScreen =
  | { name: 'code'; purpose: Purpose }
  /** A scanned ID card with several bookings today: which one. The card's text stays off screen. */
  | { name: 'choices'; choices: BookingChoices['choices'] }
  | { name: 'refused'; purpose: Purpose; refusal: AckError };

/** Refusals after which a walk-in ticket is the way on (the booking cannot be used today). */
export const WALK_IN_AFTER = new Set<string>([
  'BOOKING_TOO_LATE', 'BOOKING_OTHER_DAY', 'BOOKING_CANCELLED', 'BOOKING_MISSED', 'BOOKING_NONE_TODAY',
]);

type Attempt =
  | { event: 'booking:check-in'; payload: CommandInput<'booking:check-in'>; key: string }
  | { event: 'ticket:issue-result'; payload: CommandInput<'ticket:issue-result'>; key: string };

export class CheckIn {
  /** What the citizen typed on the code screen's keyboard. */
  entry = $state('');
  private readonly detector = new ScanDetector();
  /** The last request that got no answer: the same one again reuses its request id. */
  private unanswered: Attempt | null = null;

  constructor(private readonly app: KioskState, private readonly socket: LuotClient | null, private readonly timeoutMs: number) {}

  reset(): void {
    this.entry = '';
    this.unanswered = null;
    this.detector.clear();
  }

  /**
   * Every keydown of the page. Returns true when it ended a scan: the caller then swallows the
   * Enter (so it does not also press a focused button) and the scan has been routed.
   */
  key(e: { key: string; timeStamp: number; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): boolean {
    const step = this.detector.feed({ key: e.key, at: e.timeStamp, ctrl: e.ctrlKey, alt: e.altKey, meta: e.metaKey });
    if (step.kind !== 'scan') return false;
    this.scanned(step.text);
    return true;
  }

  scanned(text: string): void {
    if (this.app.busy || this.app.link === 'unpaired') return;
    const route = routeScan(text);
    this.entry = '';
    if (route.kind === 'booking') this.send({ event: 'booking:check-in', payload: { code: route.text, requestId: '', lang: lang.current }, key: `code:${route.code}` });
    else if (route.kind === 'cccd') this.send({ event: 'booking:check-in', payload: { cccdQr: route.raw, requestId: '', lang: lang.current }, key: `card:${route.raw}` });
    else if (route.kind === 'dossier') this.pickUp(route.code);
    else this.app.error = { ok: false, code: 'VALIDATION_FAILED', message: k.scanUnknown.vi, messageEn: k.scanUnknown.en };
  }

  /** The code screen's "Xác nhận". */
  submit(purpose: Purpose): void {
    const typed = this.entry.trim();
    if (typed === '') return;
    if (purpose === 'result') this.pickUp(typed);
    else this.checkInCode(typed);
  }

  checkInCode(code: string): void {
    this.send({ event: 'booking:check-in', payload: { code, requestId: '', lang: lang.current }, key: `code:${code.toUpperCase()}` });
  }

  pickUp(dossierCode: string): void {
    this.send({ event: 'ticket:issue-result', payload: { dossierCode, requestId: '', lang: lang.current }, key: `result:${dossierCode.toUpperCase()}` });
  }

  private send(attempt: Attempt): void {
    const { app, socket } = this;
    if (app.busy || !app.online || !socket) return;
    const requestId = this.unanswered?.key === attempt.key ? this.unanswered.payload.requestId : newRequestId();
    attempt.payload.requestId = requestId;
    const purpose: Purpose = attempt.event === 'ticket:issue-result' ? 'result' : 'booking';
    app.busy = true;
    app.error = null;
    const done = (err: Error | null, ack: { ok: true; data: KioskIssuedTicket | BookingChoices } | AckError | undefined) => {
      app.busy = false;
      if (err || !ack) {
        this.unanswered = attempt;
        app.error = 'no-answer';
        return;
      }
      this.unanswered = null;
      if (!ack.ok) {
        // An ID card with no booking today: the walk-in ticket may still carry its age priority.
        if (ack.code === 'BOOKING_NONE_TODAY' && 'cccdQr' in attempt.payload) app.cardWithoutBooking(attempt.payload.cccdQr);
        app.go({ name: 'refused', purpose, refusal: ack });
        return;
      }
      this.entry = '';
      if ('choices' in ack.data) app.go({ name: 'choices', choices: ack.data.choices });
      else app.issuedTicket.show(ack.data);
    };
    const timed = socket.timeout(this.timeoutMs);
    if (attempt.event === 'booking:check-in') timed.emit('booking:check-in', attempt.payload, done);
    else timed.emit('ticket:issue-result', attempt.payload, done);
  }
}
