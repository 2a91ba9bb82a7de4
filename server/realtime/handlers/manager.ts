// Managers and admins: the live floor (sent at once, then pushed to the managers' room by
// server/manager/desk.ts after every change), and cancelling a ticket taken by mistake.
import { Refusal } from '@core/refusal.ts';
import { summarize } from '@core/views.ts';
import type { AppContext, LuotSocket } from '../../context.ts';
import type { UserRecord } from '../../auth/records.ts';
import { onCommand } from '../command.ts';

export function registerManager(ctx: AppContext, socket: LuotSocket, user: UserRecord): void {
  void socket.join('managers');
  ctx.manager?.welcome(socket);
  onCommand(ctx, socket, 'ticket:cancel', async ({ ticketId, reason }) => {
    const result = await ctx.queue.execute({ type: 'cancel', ticketId, by: user.id, reason });
    return result.ok ? summarize(result.ticket!) : new Refusal(result.code, result.params);
  });
}
