// Whether an app reaches the server, by one rule for every app (kiosk, counter, rating pad, display,
// manager). Each app keeps its own words and markup; what the state is, and when it changes, is here.
//   connecting  never connected yet, or reconnecting by request (a take-over)
//   online      connected
//   offline     the link was lost or could not be made; socket.io retries by itself
//   refused     the server refused the handshake (revoked or unknown token): `refusal` says why;
//               socket.io does not retry that, so only a retry policy or a reload tries again
//   replaced    another machine took over this device's token; a later disconnect keeps this state
import type { AckError } from '@core/protocol.ts';
import type { LuotClient } from './connection.ts';

export type LinkState = 'connecting' | 'online' | 'offline' | 'refused' | 'replaced';

/** Timers, injected so tests can run the retry policy without waiting. */
export interface RetryTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/**
 * Trying again where socket.io does not: after a refused handshake and after the server closed the
 * connection (a restart, a revoked token). For unattended screens; a kiosk waits for a person instead.
 */
export interface RetryPolicy {
  afterRefusalMs: number;
  afterServerCloseMs: number;
  timers?: RetryTimers;
}

const browserTimers: RetryTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ConnectionStatus {
  state = $state<LinkState>('connecting');
  refusal = $state.raw<AckError | null>(null);
  /** Whether this socket has been online at least once (a board that never got through still says "connecting"). */
  everOnline = $state(false);

  private retryTimer: unknown = null;
  private readonly timers: RetryTimers;
  private readonly off: () => void;

  constructor(private readonly socket: LuotClient, private readonly retry: RetryPolicy | null = null) {
    this.timers = retry?.timers ?? browserTimers;
    const onConnect = () => {
      this.cancelRetry();
      this.state = 'online';
      this.everOnline = true;
      this.refusal = null;
    };
    const onDisconnect = (reason: string) => {
      if (this.state !== 'replaced') this.state = 'offline';
      if (reason === 'io server disconnect' && this.state !== 'replaced' && this.retry) this.retryAfter(this.retry.afterServerCloseMs);
    };
    const onConnectError = (err: Error) => {
      const data = (err as Error & { data?: AckError }).data;
      if (data?.code) {
        this.refusal = data;
        this.state = 'refused';
        if (this.retry) this.retryAfter(this.retry.afterRefusalMs);
      } else if (this.state !== 'refused' && this.state !== 'replaced') {
        // A network failure says nothing new about a refusal already shown.
        this.state = 'offline';
      }
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    if (socket.connected) onConnect();
    this.off = () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
    };
  }

  get online(): boolean {
    return this.state === 'online';
  }

  /** Another machine now uses this device's token (the server's `device:replaced`). */
  replaced(refusal: AckError): void {
    this.cancelRetry();
    this.refusal = refusal;
    this.state = 'replaced';
  }

  /** Connect again on request (a person taking the device back). */
  reconnect(): void {
    this.cancelRetry();
    this.state = 'connecting';
    this.socket.connect();
  }

  dispose(): void {
    this.cancelRetry();
    this.off();
  }

  private retryAfter(ms: number): void {
    this.cancelRetry();
    this.retryTimer = this.timers.set(() => {
      this.retryTimer = null;
      this.socket.connect();
    }, ms);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.timers.clear(this.retryTimer);
    this.retryTimer = null;
  }
}
