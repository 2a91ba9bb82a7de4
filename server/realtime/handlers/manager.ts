// Managers and admins: the live floor (sent at once, then pushed to the managers' room by
// server/manager/desk.ts after every change), and cancelling a ticket taken by mistake.
import { Refusal } from '@core/refusal.ts';
import { summarize } from '@core/views.ts';
import type { UserRecord } from '../../auth/records.ts';
import type { QueueService } from '../../queue/queue-service.ts';
import type { SocketCommands } from '../command.ts';
import { rooms } from '../rooms.ts';
import type { LuotSocket } from '../socket-types.ts';

export interface ManagerHandlerDeps {
  queue: Pick<QueueService, 'execute'>;
  /** Sends a manager's socket the floor at once (server/manager/desk.ts). */
  welcomeManager: (socket: LuotSocket) => void;
}

export function registerManager(deps: ManagerHandlerDeps, socket: LuotSocket, commands: SocketCommands, user: UserRecord): void {
  void socket.join(rooms.managers);
  deps.welcomeManager(socket);
  commands.on('ticket:cancel', async ({ ticketId, reason }) => {
    const result = await deps.queue.execute({ type: 'cancel', ticketId, by: user.id, reason });
    return result.ok ? summarize(result.ticket!) : new Refusal(result.code, result.params);
  });
}
