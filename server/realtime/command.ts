// One wrapper for every socket command: authorise by role, bound the size, validate with the
// protocol's schema, run, and always answer with an ack. Nothing a client sends can crash the
// server or get an unexpected error's text back.
import type { CommandName, CommandPayload, CommandResults, Ack } from '@core/protocol.ts';
import { commandRoles, commandSchemas } from '@core/protocol.ts';
import { Refusal } from '@core/refusal.ts';
import type { Logger } from 'pino';
import { roleOf } from '../auth/principal.ts';
import type { LuotSocket } from './socket-types.ts';
import { ackError, validationError } from '../refusals.ts';

/** Commands are small; anything bigger is a mistake or an attack. */
export const MAX_COMMAND_BYTES = 8 * 1024;

export type CommandHandler<K extends CommandName> = (payload: CommandPayload<K>) => Promise<CommandResults[K] | Refusal> | CommandResults[K] | Refusal;

type RawListener = (...args: unknown[]) => void;

function ackOf(args: unknown[]): (res: unknown) => void {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as (res: unknown) => void) : () => {};
}

/** The commands one socket answers, registered by the handlers of its principal's role. */
export interface SocketCommands {
  on<K extends CommandName>(name: K, handler: CommandHandler<K>): void;
}

export function socketCommands(socket: LuotSocket, logger: Logger): SocketCommands & { refuseTheRest(): void } {
  const mine = new Set<string>();
  return {
    on(name, handler) {
      (socket.on as (event: string, listener: RawListener) => void)(name, commandListener(socket, logger, name, handler));
      mine.add(name);
    },
    /**
     * Every event this socket has no handler for still gets an answer: FORBIDDEN for a command of
     * another role, VALIDATION_FAILED for a name that is no command. Call after the role's handlers.
     */
    refuseTheRest() {
      socket.onAny((event: string, ...args: unknown[]) => {
        if (mine.has(event)) return;
        ackOf(args)(event in commandSchemas ? ackError('FORBIDDEN') : ackError('VALIDATION_FAILED', {}, [{ path: '', message: `không có sự kiện ${event}` }]));
      });
    },
  };
}

function commandListener<K extends CommandName>(socket: LuotSocket, logger: Logger, name: K, handler: CommandHandler<K>): RawListener {
  const run = async (raw: unknown): Promise<Ack<CommandResults[K]>> => {
    const principal = socket.data.principal;
    if (!commandRoles[name].includes(roleOf(principal))) return ackError('FORBIDDEN');
    if (raw !== undefined && JSON.stringify(raw).length > MAX_COMMAND_BYTES) return ackError('PAYLOAD_TOO_LARGE');
    const parsed = commandSchemas[name].safeParse(raw);
    if (!parsed.success) return validationError(parsed.error);
    const result = await handler(parsed.data as CommandPayload<K>);
    if (result instanceof Refusal) return ackError(result.code, result.params, result.issues);
    return { ok: true, data: result };
  };
  return (...args) => {
    // A client may omit the payload or the ack; never assume either.
    const ack = ackOf(args) as (res: Ack<CommandResults[K]>) => void;
    const raw = typeof args[0] === 'function' ? undefined : args[0];
    void run(raw).then(ack, (err: unknown) => {
      logger.error({ err, module: 'socket', event: name }, 'command failed');
      ack(ackError('INTERNAL'));
    });
  };
}
