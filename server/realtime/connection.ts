// Who is connecting (session or device token), which rooms they join, which commands they get,
// and the snapshot every (re)connect starts from.
import { HandshakeAuthSchema } from '@core/protocol.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { Principal } from '../auth/principal.ts';
import { hashToken } from '../auth/secrets.ts';
import { sessionTokenFromCookie } from '../http/cookies.ts';
import { ackError } from '../refusals.ts';
import { socketCommands } from './command.ts';
import type { CounterHandlerDeps } from './handlers/counter.ts';
import { searchData } from '../search/search-data.ts';
import { registerCounter } from './handlers/counter.ts';
import { registerDisplay } from './handlers/display.ts';
import type { KioskHandlerDeps } from './handlers/kiosk.ts';
import { kioskHandler } from './handlers/kiosk.ts';
import type { ManagerHandlerDeps } from './handlers/manager.ts';
import { registerManager } from './handlers/manager.ts';
import { registerPrinterBridge } from './handlers/printer.ts';
import type { RatingHandlerDeps } from './handlers/rating.ts';
import { registerRatingPad } from './handlers/rating.ts';
import { rooms } from './rooms.ts';
import type { LuotSocket } from './socket-types.ts';

class HandshakeRefused extends Error {
  data: ReturnType<typeof ackError>;
  constructor(refusal: ReturnType<typeof ackError>) {
    super(refusal.code);
    this.data = refusal;
  }
}

export type RealtimeDeps = CounterHandlerDeps & KioskHandlerDeps & ManagerHandlerDeps & RatingHandlerDeps & {
  accounts: Pick<AccountService, 'device' | 'deviceByToken' | 'userBySession'>;
};

/** Who connects, and for a user the session it signed in with (its sockets close at sign-out). */
function authenticate(accounts: RealtimeDeps['accounts'], auth: unknown, cookieHeader: string | undefined): { principal: Principal; session: string | null } | HandshakeRefused {
  const parsed = HandshakeAuthSchema.safeParse(auth);
  if (parsed.success && 'deviceToken' in parsed.data) {
    const device = accounts.deviceByToken(parsed.data.deviceToken);
    return device ? { principal: { kind: 'device', device }, session: null } : new HandshakeRefused(ackError('DEVICE_REVOKED'));
  }
  const token = parsed.success && 'sessionToken' in parsed.data ? parsed.data.sessionToken : sessionTokenFromCookie(cookieHeader);
  const user = token ? accounts.userBySession(token) : null;
  return user && token ? { principal: { kind: 'user', user }, session: hashToken(token) } : new HandshakeRefused(ackError('UNAUTHENTICATED'));
}

export function attachRealtime(deps: RealtimeDeps): void {
  const { io, views } = deps;
  const registerKiosk = kioskHandler(deps);
  io.use((socket, next) => {
    const who = authenticate(deps.accounts, socket.handshake.auth, socket.handshake.headers.cookie);
    if (who instanceof HandshakeRefused) return next(who);
    socket.data.principal = who.principal;
    if (who.session) void socket.join(rooms.session(who.session));
    next();
  });

  io.on('connection', (socket: LuotSocket) => {
    const p = socket.data.principal;
    const commands = socketCommands(socket, deps.logger);
    if (p.kind === 'user') {
      void socket.join([rooms.staff, rooms.user(p.user.id)]);
      registerCounter(deps, socket, commands, p.user);
      if (p.user.role !== 'officer') registerManager(deps, socket, commands, p.user);
    } else {
      void socket.join(rooms.device(p.device.id));
      switch (p.device.kind) {
        case 'kiosk': registerKiosk(socket, commands, p.device.id); break;
        case 'display': registerDisplay(deps, socket, p.device); break;
        case 'rating': registerRatingPad(deps, socket, commands, p.device); break;
        case 'printer': registerPrinterBridge(deps, socket, p.device); break;
      }
    }
    commands.on('snapshot:get', (payload) => views.snapshotFor(p, payload?.view));
    commands.on('search:data', () => searchData(deps.config.current));
    commands.refuseTheRest();
    socket.emit('snapshot', views.snapshotFor(p));
  });
}
