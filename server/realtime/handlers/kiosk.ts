// Kiosks: read the catalog, issue tickets. A kiosk cannot call, serve or see officers' data.
import { Refusal } from '@core/refusal.ts';
import type { AppContext, LuotSocket } from '../../context.ts';
import { onCommand } from '../command.ts';
import { issuedView } from '../../queue/ticket-views.ts';

export function registerKiosk(ctx: AppContext, socket: LuotSocket, deviceId: string): void {
  socket.join('kiosks');
  onCommand(ctx, socket, 'ticket:issue', async (p) => {
    const result = await ctx.queue.execute({
      type: 'issue', id: ctx.newId(), serviceCode: p.serviceCode, priority: p.priority,
      source: { kind: 'kiosk', deviceId, requestId: p.requestId },
    });
    if (!result.ok) return new Refusal(result.code, result.params);
    return issuedView(ctx.queue.current, ctx.queue.config, result.ticket!);
  });
}
