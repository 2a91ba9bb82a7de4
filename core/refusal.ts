import type { ErrorCode, Params } from './i18n.ts';

/** A command the rules refuse: a code from the one enum, with the values its message names. */
export class Refusal {
  constructor(readonly code: ErrorCode, readonly params: Params = {}) {}
}
