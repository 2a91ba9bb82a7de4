// The live floor as the server pushes it ('manager:live' on connect and after every change), and
// whether the connection is up. The server sends whole pictures, so nothing here patches state.
import type { ManagerLive } from '@core/manager-live.ts';
import type { LuotClient } from '@ui/connection.ts';
import { ConnectionStatus } from '@ui/connection-status.svelte.ts';

export class LiveState {
  live = $state.raw<ManagerLive | null>(null);
  readonly link: ConnectionStatus;
  /** Browser time when the last picture arrived, to tell a stale one. */
  receivedAt = $state(0);
  private readonly off: () => void;

  constructor(readonly client: LuotClient) {
    const onLive = (live: ManagerLive) => {
      this.live = live;
      this.receivedAt = Date.now();
    };
    client.on('manager:live', onLive);
    this.link = new ConnectionStatus(client);
    this.off = () => {
      client.off('manager:live', onLive);
      this.link.dispose();
    };
  }

  get connected(): boolean {
    return this.link.online;
  }

  dispose(): void {
    this.off();
  }
}
