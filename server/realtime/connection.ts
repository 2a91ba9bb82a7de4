// Who is connecting (session or device token), which rooms they join, which commands they get,
// and the snapshot every (re)connect starts from.
import { HandshakeAuthSchema } from '@core/protocol.ts';
import type { AppContext, LuotSocket, Principal } from '../context.ts';
import { ackError } from './acks.ts';
import { onCommand, refuseTheRest } from './command.ts';
import { snapshotFor } from './snapshots.ts';
import { searchData } from '../search/search-data.ts';
import { registerKiosk } from './handlers/kiosk.ts';
import { registerCounter } from './handlers/counter.ts';
import { registerDisplay } from './handlers/display.ts';
import { registerRatingPad } from './handlers/rating.ts';
import { registerManager } from './handlers/manager.ts';
import { registerPrinterBridge } from './handlers/printer.ts';
import { sessionTokenFromCookie } from '../http/cookies.ts';

class HandshakeRefused extends Error {
  data: ReturnType<typeof ackError>;
  constructor(refusal: ReturnType<typeof ackError>) {
    super(refusal.code);
    this.data = refusal;
  }
}

export function authenticate(ctx: AppContext, auth: unknown, cookieHeader: string | undefined): Principal | HandshakeRefused {
  const parsed = HandshakeAuthSchema.safeParse(auth);
  if (parsed.success && 'deviceToken' in parsed.data) {
    const device = ctx.accounts.deviceByToken(parsed.data.deviceToken);
    return device ? { kind: 'device', device } : new HandshakeRefused(ackError('DEVICE_REVOKED'));
  }
  const token = parsed.success && 'sessionToken' in parsed.data ? parsed.data.sessionToken : sessionTokenFromCookie(cookieHeader);
  const user = token ? ctx.accounts.userBySession(token) : null;
  return user ? { kind: 'user', user } : new HandshakeRefused(ackError('UNAUTHENTICATED'));
}

export function attachRealtime(ctx: AppContext): void {
  const { io } = ctx;
  io.use((socket, next) => {
    const principal = authenticate(ctx, socket.handshake.auth, socket.handshake.headers.cookie);
    if (principal instanceof HandshakeRefused) return next(principal);
    socket.data.principal = principal;
    next();
  });

  io.on('connection', (socket: LuotSocket) => {
    const p = socket.data.principal;
    if (p.kind === 'user') {
      void socket.join(['staff', `user:${p.user.id}`]);
      registerCounter(ctx, socket, p.user);
      if (p.user.role !== 'officer') registerManager(ctx, socket, p.user);
    } else {
      void socket.join(`device:${p.device.id}`);
      switch (p.device.kind) {
        case 'kiosk': registerKiosk(ctx, socket, p.device.id); break;
        case 'display': registerDisplay(ctx, socket, p.device); break;
        case 'rating': registerRatingPad(ctx, socket, p.device); break;
        case 'printer': registerPrinterBridge(ctx, socket, p.device); break;
      }
    }
    onCommand(ctx, socket, 'snapshot:get', (payload) => snapshotFor(ctx, p, payload?.view));
    onCommand(ctx, socket, 'search:data', () => searchData(ctx.queue.config.config));
    refuseTheRest(socket);
    socket.emit('snapshot', snapshotFor(ctx, p));
  });
}
