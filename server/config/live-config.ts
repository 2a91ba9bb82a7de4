// The live configuration: the one accessor every part reads the center's configuration through.
// Only the configuration service (server/admin/config-service.ts) replaces it, after the new one
// is on disk; commands run one at a time on the event loop, so each sees either the old index or
// the new one, never a mix. Values an operator may pin in the environment (PUBLIC_URL, the pads'
// countdown in tests) override the stored ones here, once.
import type { CenterConfig, ConfigIndex } from '@core/config.ts';
import { reachableOrigin } from '@core/lan-origin.ts';

export interface LiveConfigOverrides {
  publicUrl?: string | null;
  ratingTimeoutSec?: number;
  /** The server's LAN address (main.ts finds it), used instead of a loopback origin in links. */
  lanAddress?: string | null;
}

export class LiveConfig {
  constructor(private live: ConfigIndex, private readonly overrides: LiveConfigOverrides = {}) {}

  /** The configuration with its lookup maps (services by code, counters by number, …). */
  get index(): ConfigIndex {
    return this.live;
  }

  /** The configuration as stored. */
  get current(): CenterConfig {
    return this.live.config;
  }

  /** Base URL for QR codes and device links, if one is known; read at each use, so a change is live. */
  get publicUrl(): string | null {
    return this.overrides.publicUrl ?? this.live.config.center.publicUrl ?? null;
  }

  /** The server's LAN address, if known. */
  get lanAddress(): string | null {
    return this.overrides.lanAddress ?? null;
  }

  /**
   * The base of QR codes and device links for a request that reached us at `origin`: the public
   * address when configured, else that origin, with a loopback host replaced by the LAN address.
   */
  linkBase(origin: string): string {
    return (this.publicUrl ?? reachableOrigin(origin, this.lanAddress)).replace(/\/$/, '');
  }

  /** Seconds a rating pad waits for an answer. */
  get ratingTimeoutSec(): number {
    return this.overrides.ratingTimeoutSec ?? this.live.config.rating.timeoutSec;
  }

  replace(index: ConfigIndex): void {
    this.live = index;
  }
}
