// Rating pads face the citizen at one counter and may only rate tickets served there, once each.
// Reasons must be ones the center configured, and only a low score carries them.
import { checkRatingDetails } from '@core/rating.ts';
import { Refusal } from '@core/refusal.ts';
import { summarize } from '@core/views.ts';
import type { AppContext, LuotSocket } from '../../context.ts';
import type { DeviceRecord } from '../../auth/records.ts';
import { onCommand } from '../command.ts';

export function registerRatingPad(ctx: AppContext, socket: LuotSocket, device: DeviceRecord): void {
  if (device.counter !== null) void socket.join(`pad:${device.counter}`);
  onCommand(ctx, socket, 'rating:submit', async (p) => {
    if (device.counter === null) return new Refusal('FORBIDDEN');
    const issues = checkRatingDetails(ctx.queue.config.config.rating, p.score, p.reasons, p.comment);
    if (issues.length > 0) return new Refusal('VALIDATION_FAILED', {}, issues);
    const result = await ctx.queue.execute({
      type: 'rate', counter: device.counter, ticketId: p.ticketId, score: p.score, reasons: p.reasons, comment: p.comment,
    });
    return result.ok ? summarize(result.ticket!) : new Refusal(result.code, result.params);
  });
}
