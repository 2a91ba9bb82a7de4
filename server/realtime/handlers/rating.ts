// Rating pads face the citizen at one counter and may only rate tickets served there, once each.
// Reasons must be ones the center configured, and only a low score carries them.
import { checkRatingDetails } from '@core/rating.ts';
import { Refusal } from '@core/refusal.ts';
import { summarize } from '@core/views.ts';
import type { DeviceRecord } from '../../auth/records.ts';
import type { LiveConfig } from '../../config/live-config.ts';
import type { QueueService } from '../../queue/queue-service.ts';
import type { SocketCommands } from '../command.ts';
import { rooms } from '../rooms.ts';
import type { LuotSocket } from '../socket-types.ts';

export interface RatingHandlerDeps {
  queue: Pick<QueueService, 'execute'>;
  config: LiveConfig;
}

export function registerRatingPad(deps: RatingHandlerDeps, socket: LuotSocket, commands: SocketCommands, device: DeviceRecord): void {
  if (device.counter !== null) void socket.join(rooms.pad(device.counter));
  commands.on('rating:submit', async (p) => {
    if (device.counter === null) return new Refusal('FORBIDDEN');
    const issues = checkRatingDetails(deps.config.current.rating, p.score, p.reasons, p.comment);
    if (issues.length > 0) return new Refusal('VALIDATION_FAILED', {}, issues);
    const result = await deps.queue.execute({
      type: 'rate', counter: device.counter, ticketId: p.ticketId, score: p.score, reasons: p.reasons, comment: p.comment,
    });
    return result.ok ? summarize(result.ticket!) : new Refusal(result.code, result.params);
  });
}
