// The live floor as the server pushes it ('manager:live' on connect and after every change), and
// whether the connection is up. The server sends whole pictures, so nothing here patches state.
import type { ManagerLive } from '@core/manager-live.ts';
import type { LuotClient } from '@ui/connection.ts';

export class LiveState {
  live = $state.raw<ManagerLive | null>(null);
  connected = $state(false);
  /** Browser time when the last picture arrived, to tell a stale one. */
  receivedAt = $state(0);
  private readonly off: () => void;

  constructor(readonly client: LuotClient) {
    const onLive = (live: ManagerLive) => {
      this.live = live;
      this.receivedAt = Date.now();
    };
    const onConnect = () => { this.connected = true; };
    const onDisconnect = () => { this.connected = false; };
    client.on('manager:live', onLive);
    client.on('connect', onConnect);
    client.on('disconnect', onDisconnect);
    this.connected = client.connected;
    this.off = () => {
      client.off('manager:live', onLive);
      client.off('connect', onConnect);
      client.off('disconnect', onDisconnect);
    };
  }

  dispose(): void {
    this.off();
  }
}
