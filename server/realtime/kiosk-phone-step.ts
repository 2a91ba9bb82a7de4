// The kiosks' phone step follows the message settings: when an admin turns sending on or off
// (server/messages saveSettings → `delivery.changed` for 'messages'), every kiosk is sent its
// catalog again at once, so the step appears or goes without waiting for the minute's refresh.
import type { Extension } from '../events/extensions.ts';
import { rooms } from './rooms.ts';
import type { ScreenViews } from './snapshots.ts';
import type { LuotServer } from './socket-types.ts';

export function createKioskPhoneStep(deps: { io: LuotServer; views: Pick<ScreenViews, 'catalog'>; phoneStep: () => boolean }): Extension {
  let last: boolean | null = null;
  return {
    name: 'kiosk-phone-step',
    onDeliveryChange({ outbox }) {
      if (outbox !== 'messages') return;
      const now = deps.phoneStep();
      if (now === last) return;
      last = now;
      deps.io.to(rooms.kiosks).emit('snapshot', { role: 'kiosk', catalog: deps.views.catalog() });
    },
  };
}
