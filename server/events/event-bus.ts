// One typed event bus for the whole server (Immich's event repository is the model): every
// notification between parts goes through one EventMap, so what can be heard is written in one
// place. Listeners run synchronously in the order they subscribed; one that throws is logged and
// the others still run. Every subscription returns the function that ends it.
import type { Logger } from 'pino';
import type { CenterConfig, ConfigIndex } from '@core/config.ts';
import type { DomainEvent } from '@core/commands.ts';
import type { PrintFault, PrintJobView } from '@core/protocol.ts';
import type { DayState } from '@core/ticket.ts';
import type { Booking, BookingChange } from '@core/booking/types.ts';

export interface EventMap {
  /** The queue changed: its events, and the state they left (written to the OS, not yet fsynced). */
  'queue.events': [events: DomainEvent[], state: DayState];
  /** A configuration change is durable and live (config.index is already the new one). */
  'config.changed': [change: { before: CenterConfig; after: CenterConfig; index: ConfigIndex }];
  /** A device connected or went away. */
  'presence.changed': [];
  /** A kiosk ticket's print job ended (printed or failed). */
  'print.finished': [job: { kioskId: string; view: PrintJobView }];
  /** A ticket could not be printed. */
  'print.fault': [fault: PrintFault];
  /** An outbox's delivery state changed (a record delivered, a failure, a retry). */
  'delivery.changed': [change: { outbox: string }];
  /** The day's journal stopped or started taking writes again (QueueService.writeFault). */
  'storage.changed': [];
  /** A booking was made, moved, cancelled, checked in or missed; durable (fsynced) when heard. */
  'booking.changed': [change: { booking: Booking; change: BookingChange }];
}

export type EventName = keyof EventMap;
export type Listener<E extends EventName> = (...args: EventMap[E]) => void;
export type Unsubscribe = () => void;

export class EventBus {
  private readonly listeners = new Map<EventName, Listener<EventName>[]>();

  constructor(private readonly logger: Logger) {}

  on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
    const list = (this.listeners.get(event) ?? []) as Listener<E>[];
    // A new array each time: a listener unsubscribing during an emit does not skip its neighbour.
    this.listeners.set(event, [...list, listener] as Listener<EventName>[]);
    return () => {
      const now = (this.listeners.get(event) ?? []) as Listener<E>[];
      this.listeners.set(event, now.filter((l) => l !== listener) as Listener<EventName>[]);
    };
  }

  emit<E extends EventName>(event: E, ...args: EventMap[E]): void {
    const list = this.listeners.get(event) as Listener<E>[] | undefined;
    if (!list) return;
    for (const listener of list) {
      try {
        listener(...args);
      } catch (err) {
        this.logger.error({ err, event }, 'event listener failed');
      }
    }
  }

  /** How many listeners an event has (diagnostics and tests). */
  count(event: EventName): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}
