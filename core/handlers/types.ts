// The shape of the engine's handlers: one function per command type.
import type { Command } from '../commands.ts';
import type { Draft } from '../draft.ts';
import type { Ticket } from '../ticket.ts';

/** The commands the engine decides (a rollover is not one: it happens before any of them). */
export type EngineCommand = Exclude<Command, { type: 'rollover' }>;
/** Each command type → its command. */
export type CommandMap = { [C in EngineCommand as C['type']]: C };
export type EngineCommandType = keyof CommandMap;
export type CommandOf<K extends EngineCommandType> = CommandMap[K];

/**
 * A handler reads and changes the day through the Draft, pushes its events there, and returns the
 * ticket it created or acted on (null when none); a refusal is thrown as a Refusal.
 */
export type Handlers = { [K in EngineCommandType]: (d: Draft, cmd: CommandMap[K]) => Ticket | null };
