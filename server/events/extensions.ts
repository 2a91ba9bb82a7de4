// Extensions: the parts that react to what happens (Hocuspocus' extension hooks are the model).
// Each one says which events it hears by the hooks it has. They are registered in one explicit
// list in server/app.ts, hear each event in that order, and are closed in reverse order, so a
// part is always closed before the parts it was built on.
import type { EventBus, EventMap, Unsubscribe } from './event-bus.ts';

export interface Extension {
  readonly name: string;
  onQueueEvents?(...args: EventMap['queue.events']): void;
  onConfigChange?(...args: EventMap['config.changed']): void;
  onPresenceChange?(...args: EventMap['presence.changed']): void;
  onPrintFinished?(...args: EventMap['print.finished']): void;
  onPrintFault?(...args: EventMap['print.fault']): void;
  onDeliveryChange?(...args: EventMap['delivery.changed']): void;
  onStorageChange?(...args: EventMap['storage.changed']): void;
  onBookingChange?(...args: EventMap['booking.changed']): void;
  close?(): void | Promise<void>;
}

export class Extensions {
  private readonly registered: { extension: Extension; unsubscribe: Unsubscribe[] }[] = [];

  constructor(private readonly bus: EventBus) {}

  /** Subscribes every hook the extension has; returns it for chaining into the composition root. */
  add<T extends Extension>(extension: T): T {
    const bus = this.bus;
    const unsubscribe: Unsubscribe[] = [];
    const x = extension;
    if (x.onQueueEvents) unsubscribe.push(bus.on('queue.events', x.onQueueEvents.bind(x)));
    if (x.onConfigChange) unsubscribe.push(bus.on('config.changed', x.onConfigChange.bind(x)));
    if (x.onPresenceChange) unsubscribe.push(bus.on('presence.changed', x.onPresenceChange.bind(x)));
    if (x.onPrintFinished) unsubscribe.push(bus.on('print.finished', x.onPrintFinished.bind(x)));
    if (x.onPrintFault) unsubscribe.push(bus.on('print.fault', x.onPrintFault.bind(x)));
    if (x.onDeliveryChange) unsubscribe.push(bus.on('delivery.changed', x.onDeliveryChange.bind(x)));
    if (x.onStorageChange) unsubscribe.push(bus.on('storage.changed', x.onStorageChange.bind(x)));
    if (x.onBookingChange) unsubscribe.push(bus.on('booking.changed', x.onBookingChange.bind(x)));
    this.registered.push({ extension, unsubscribe });
    return extension;
  }

  names(): string[] {
    return this.registered.map((r) => r.extension.name);
  }

  /** Unsubscribes and closes every extension, the last registered first. */
  async close(onError: (name: string, err: unknown) => void): Promise<void> {
    for (const { extension, unsubscribe } of this.registered.splice(0).reverse()) {
      for (const u of unsubscribe) u();
      try {
        await extension.close?.();
      } catch (err) {
        onError(extension.name, err);
      }
    }
  }
}
