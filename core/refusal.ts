import type { ErrorCode, Params } from './i18n.ts';

/** A command the rules refuse: a code from the one enum, with the values its message names. */
export class Refusal {
  /** `issues`: for VALIDATION_FAILED found by a rule beyond the schema, which field and why. */
  constructor(readonly code: ErrorCode, readonly params: Params = {}, readonly issues?: { path: string; message: string }[]) {}
}
