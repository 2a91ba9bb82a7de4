// The engine's handlers, one per command type, in one table: adding a command means adding its
// handler here, and the type makes a missing one a compile error.
import { moveWaiting } from '../move-waiting.ts';
import type { Draft } from '../draft.ts';
import type { Ticket } from '../ticket.ts';
import { callNext, callTicket, recall, start } from './calls.ts';
import { closeCounter, openCounter, pauseCounter, resumeCounter } from './counters.ts';
import { finish, noShow, transfer } from './endings.ts';
import { cancel, issue, rate } from './tickets.ts';
import type { CommandMap, EngineCommand, EngineCommandType, Handlers } from './types.ts';

export type { CommandMap, CommandOf, EngineCommand, EngineCommandType, Handlers } from './types.ts';

export const handlers: Handlers = {
  'issue': issue,
  'open-counter': openCounter,
  'pause-counter': pauseCounter,
  'resume-counter': resumeCounter,
  'close-counter': closeCounter,
  'call-next': callNext,
  'call-ticket': callTicket,
  'recall': recall,
  'start': start,
  'finish': finish,
  'no-show': noShow,
  'transfer': transfer,
  'cancel': cancel,
  'move-waiting': moveWaiting,
  'rate': rate,
};

function dispatch<K extends EngineCommandType>(d: Draft, type: K, cmd: CommandMap[K]): Ticket | null {
  return handlers[type](d, cmd);
}

/** Runs the command's handler on the draft; throws a Refusal when the command is refused. */
export function run(d: Draft, cmd: EngineCommand): Ticket | null {
  return dispatch(d, cmd.type, cmd);
}
