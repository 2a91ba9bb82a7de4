// Messages to citizens' phones (docs/messages.md): an extension that hears calls, queue moves and
// booking changes, decides which message is due (core/messages/compose.ts), writes it to the
// message journal and then to the outbox of the provider in use — one durable Outbox per
// transport, each with its own log and backoff (server/outbox), as the dossier bridge does. The
// idempotency key (kind + ticket or booking) is the outbox key: one message per key, ever.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DomainEvent } from '@core/commands.ts';
import type { DueMessage } from '@core/messages/compose.ts';
import type { BookingChangeForMessage, MessageCenterOptions, UpcomingBookings } from './options.ts';
import { callMessage, cancellationMessage, confirmationKey, confirmationMessage, nearTurnDue, nearTurnMessage, reminderMessage } from '@core/messages/compose.ts';
import { maskPhone } from '@core/messages/phone.ts';
import type { MessageSettings } from '@core/messages/settings.ts';
import { fillTemplate, withoutDiacritics } from '@core/messages/templates.ts';
import type { MessagesStatus } from '@core/messages/status.ts';
import type { DayState } from '@core/ticket.ts';
import { localDay } from '@core/time.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Extension } from '../events/extensions.ts';
import { Outbox } from '../outbox/outbox.ts';
import { OutboxLog } from '../outbox/outbox-log.ts';
import { MessageJournal } from './journal.ts';
import type { Provider } from './journal.ts';
import { MessageSettingsFile } from './settings-file.ts';
import { DeliveryTracker, messageSink } from './message-sink.ts';
import { messagesStatus } from './status.ts';

export interface MessageCenterDeps {
  config: LiveConfig;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  bookings?: UpcomingBookings | null;
}

const HOUR = 3_600_000;

export class MessageCenter implements Extension {
  readonly name = 'messages';
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly reminderTimer: NodeJS.Timeout;
  /** Numbers skipped today because they opted out (not written anywhere: they asked for silence). */
  private optedOutSkipped = { day: '', count: 0 };

  private constructor(
    private readonly deps: MessageCenterDeps,
    readonly settings: MessageSettingsFile,
    readonly journal: MessageJournal,
    private readonly outboxes: Record<Provider, Outbox>,
    private readonly tracker: DeliveryTracker,
    private readonly log: Logger,
    reminderEveryMs: number,
  ) {
    this.reminderTimer = setInterval(() => void this.remindersDue(), reminderEveryMs);
    this.reminderTimer.unref();
  }

  static async start(deps: MessageCenterDeps, opts: MessageCenterOptions): Promise<MessageCenter> {
    const log = deps.logger.child({ module: 'messages' });
    const settings = await MessageSettingsFile.load(opts.settingsPath, log, opts.settings);
    const backoff = opts.backoff ?? { baseMs: 5_000, maxMs: 300_000 };
    // What was opened before a failure is closed here, not left to the garbage collector (DEP0137).
    const opened: { close(): Promise<void> }[] = [];
    const closeOpened = () => Promise.all(opened.map((f) => f.close().catch(() => {})));
    let logs: Record<Provider, OutboxLog>;
    let journal: MessageJournal;
    try {
      const sms = await OutboxLog.open(join(opts.dir, 'sms-outbox.log'));
      opened.push(sms);
      const zns = await OutboxLog.open(join(opts.dir, 'zns-outbox.log'));
      opened.push(zns);
      logs = { sms, zns };
      const undelivered = (key: string) => [sms, zns].some((l) => { const e = l.get(key); return e !== undefined && e.deliveredRev < e.rev; });
      journal = await MessageJournal.open(join(opts.dir, 'messages.log'), {
        now: deps.clock.now(), retentionMs: (opts.retentionDays ?? 7) * 24 * HOUR, keep: undelivered,
      });
      opened.push(journal);
    } catch (err) {
      await closeOpened();
      throw err;
    }
    const tracker = new DeliveryTracker();
    const outbox = (provider: Provider) => new Outbox({
      name: `messages-${provider}`, log: logs[provider], backoff, finishInFlightOnClose: true, clock: deps.clock, bus: deps.bus, logger: log,
      sink: messageSink(provider, { settings: () => settings.current, journal, tracker, clock: deps.clock, logger: log }),
      body: async (entry) => {
        const m = journal.get(entry.key);
        return m ? JSON.stringify(m) : null;
      },
    });
    const center = new MessageCenter(deps, settings, journal, { sms: outbox('sms'), zns: outbox('zns') }, tracker, log, opts.reminderEveryMs ?? 60_000);
    try {
      await center.catchUp();
    } catch (err) {
      await center.close().catch(() => {});
      throw err;
    }
    return center;
  }

  /** After a crash between the journal and the outbox: every journaled message reaches its outbox. */
  private async catchUp(): Promise<void> {
    for (const m of this.journal.all()) {
      if (m.outcome === null && !this.outboxes[m.provider].log.get(m.key)) await this.outboxes[m.provider].append(m.key, m.day, 'm');
    }
    this.outboxes.sms.kick();
    this.outboxes.zns.kick();
  }

  onQueueEvents(events: DomainEvent[], state: DayState): void {
    const s = this.settings.current;
    if (!s.enabled || s.provider === null) return;
    const index = this.deps.config.index;
    const now = this.deps.clock.now();
    // Only what moves people forward can bring a ticket near its turn: a call, a cancellation, a
    // ticket leaving a queue. An issue (even a priority one) never does.
    const moved = new Set<string>();
    for (const e of events) {
      if (e.type === 'ticket:called' && !e.recall) {
        const m = callMessage(index, e.ticket, e.counter, now);
        if (m) this.enqueue(m);
        moved.add(e.ticket.serviceCode);
      }
      if (e.type === 'ticket:cancelled') moved.add(e.ticket.serviceCode);
      if (e.type === 'ticket:transferred') moved.add(e.fromService);
    }
    if (moved.size === 0 || !s.kinds['near-turn']) return;
    const due = nearTurnDue(state, s.nearTurnAhead, moved, (key) => this.journal.get(key) !== undefined);
    for (const { ticket, ahead } of due) {
      const m = nearTurnMessage(index, ticket, ahead, now);
      if (m) this.enqueue(m);
    }
  }

  /** The bookings part's `booking.changed`: a confirmation for a new or moved booking, a notice of a cancelled one. */
  onBookingChange(change: BookingChangeForMessage): void {
    const s = this.settings.current;
    if (!s.enabled || s.provider === null) return;
    const now = this.deps.clock.now();
    if (change.change === 'created' || change.change === 'moved') this.enqueue(confirmationMessage(this.deps.config.index, change.booking, now));
    if (change.change === 'cancelled') this.enqueue(cancellationMessage(this.deps.config.index, change.booking, now));
  }

  /** Whether a phone given at the kiosk would hear anything: sending on, a provider, "sắp đến lượt" or the call on. */
  takesPhones(): boolean {
    const s = this.settings.current;
    return s.enabled && s.provider !== null && (s.kinds['near-turn'] || s.kinds.call);
  }

  /** Reminders for bookings whose slot starts within the reminder window (run every minute). */
  remindersDue(): Promise<void> {
    const s = this.settings.current;
    const bookings = this.deps.bookings;
    if (!bookings || !s.enabled || s.provider === null || !s.kinds['booking-reminder']) return Promise.resolve();
    const now = this.deps.clock.now();
    const window = s.reminderHoursBefore * HOUR;
    const index = this.deps.config.index;
    let last: Promise<void> = Promise.resolve();
    for (const b of bookings.upcoming(now, now + window)) {
      if (b.status !== 'booked' || b.slotStart <= now) continue;
      // Booked inside the window: the confirmation just sent says the same.
      const confirmed = this.journal.get(confirmationKey(b));
      if (confirmed && confirmed.at >= b.slotStart - window) continue;
      last = this.enqueue(reminderMessage(index, b, now));
    }
    return last;
  }

  /** One at a time, in order: the same key can never be written twice. */
  private enqueue(m: DueMessage): Promise<void> {
    const run = this.chain.then(() => this.write(m)).catch((err: unknown) => this.log.error({ err, key: m.key }, 'could not queue a message'));
    this.chain = run;
    return run;
  }

  private async write(m: DueMessage): Promise<void> {
    const s = this.settings.current;
    if (this.closed || !s.enabled || s.provider === null || !s.kinds[m.kind]) return;
    if (this.journal.get(m.key)) return;
    if (s.optOuts.some((o) => o.phone === m.phone)) {
      this.countOptedOut();
      this.log.info({ key: m.key, kind: m.kind, to: maskPhone(m.phone) }, 'not sent: the number opted out');
      return;
    }
    const template = s.templates[m.kind];
    const filled = fillTemplate(template, m.values);
    const text = s.withoutDiacritics ? withoutDiacritics(filled) : filled;
    const provider = s.provider;
    const now = this.deps.clock.now();
    const written = await this.journal.append({ key: m.key, kind: m.kind, phone: m.phone, day: m.day, provider, text, values: m.values, at: now, expiresAt: m.expiresAt });
    if (!written) return;
    this.log.info({ key: m.key, kind: m.kind, provider, to: maskPhone(m.phone), text }, 'message queued');
    await this.outboxes[provider].append(m.key, m.day, 'm');
  }

  private countOptedOut(): void {
    const today = localDay(this.deps.clock.now());
    if (this.optedOutSkipped.day !== today) this.optedOutSkipped = { day: today, count: 0 };
    this.optedOutSkipped.count += 1;
  }

  /** Settings saved by an admin: durable, live at once; waiting messages are tried again now. */
  async saveSettings(next: MessageSettings): Promise<void> {
    await this.settings.save(next);
    this.retryNow();
    this.deps.bus.emit('delivery.changed', { outbox: 'messages' });
  }

  retryNow(): MessagesStatus {
    this.outboxes.sms.retryNow();
    this.outboxes.zns.retryNow();
    return this.status();
  }

  /** Waits until every message queued so far is written (tests, shutdown). */
  idle(): Promise<unknown> {
    return this.chain;
  }

  status(): MessagesStatus {
    const now = this.deps.clock.now();
    const today = localDay(now);
    return messagesStatus({
      settings: this.settings.current, problem: this.settings.problem, journal: this.journal, tracker: this.tracker,
      outboxes: this.outboxes, now, optedOutToday: this.optedOutSkipped.day === today ? this.optedOutSkipped.count : 0,
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reminderTimer);
    await this.chain;
    await this.outboxes.sms.close();
    await this.outboxes.zns.close();
    await this.journal.close();
  }
}
