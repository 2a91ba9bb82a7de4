// How the voice words an utterance the announcer planned (core/announcement-plan.ts): which
// template (the configured one, the recall's, or the burst's short opening "Mời số …"), which
// number style (the short one when said briskly under a backlog) and at which speed. The same
// choices name the pieces the worker makes ahead, so what a call needs is ready in every manner.
import type { Phrase } from '@core/announcement.ts';
import { buildJoinedPhrase, buildPhrase, burstTemplate, DEFAULT_RECALL_TEMPLATE, DEFAULT_TEMPLATE } from '@core/announcement.ts';
import type { VoiceConfig } from '@core/lobby-config.ts';
import type { CallView } from '@core/views.ts';
import type { Manner, Wording } from './piece-plan.ts';

/** Speed with a backlog, relative to the configured rate (135 → 176 words a minute). */
export const BRISK_RATE = 1.3;

export function briskRate(rate: number): number {
  return Math.min(260, Math.round(rate * BRISK_RATE));
}

/** How the planner wants an utterance said. */
export interface Saying {
  /** Calls wait behind it: faster speech and the short number style ("a, hai mươi lăm"). */
  brisk?: boolean;
  /** Right after another utterance: the short opening ("Mời số …") instead of the template's. */
  burst?: boolean;
  /** The second saying of the call just said: its words again after a pause (no chime). */
  again?: boolean;
}

/** The configured wording, or the defaults while the stored voice section is refused. */
export function wordingOf(config: VoiceConfig, configOk: boolean): Wording {
  return configOk
    ? { template: config.template, recallTemplate: config.recallTemplate, variant: config.variant, style: config.numberStyle }
    : { template: DEFAULT_TEMPLATE, recallTemplate: DEFAULT_RECALL_TEMPLATE, variant: 'north', style: 'full' };
}

/** A brisk utterance says numbers the short way: "a, hai mươi lăm" for A-025, 0.5 s less each. */
function briskWording(w: Wording): Wording {
  return { ...w, style: 'short' };
}

/**
 * The phrase of an utterance. `canBurst`: the voice has what the short opening needs (a center's
 * own pack may lack the clip "mời"; then the template's opening is said).
 */
export function utterancePhrase(w: Wording, calls: readonly CallView[], saying: Saying, canBurst: boolean): Phrase {
  const words = saying.brisk ? briskWording(w) : w;
  const first = calls[0]!;
  const template = first.recall ? w.recallTemplate : saying.burst && canBurst ? burstTemplate(w.template) : w.template;
  const list = calls.map((c) => ({ number: c.ticket.number, counter: c.counter }));
  return list.length === 1 ? buildPhrase(template, list[0]!, words.variant, words.style) : buildJoinedPhrase(template, list, words.variant, words.style);
}

/** The morning's first call (the first prefix's 001 at the first counter), made at start to warm the way. */
export function firstCallOf(needs: { prefixes: string[]; counters: number[] }): CallView {
  const counter = needs.counters[0] ?? 1;
  const number = `${needs.prefixes[0] ?? 'A'}-001`;
  return {
    ticket: {
      id: 'warm-up', number, serviceCode: '', departmentCode: '', priority: null, status: 'called', issuedAt: 0, queuedAt: 0, calledAt: 0,
      startedAt: null, finishedAt: null, counter, targetCounter: null, calls: 1, transferred: false, seq: 0,
    },
    counter, zone: '', recall: false, at: 0,
  };
}

/** Every manner a call may be said in, for the pieces made ahead: as configured, and brisk (with the burst's opening). */
export function mannersOf(w: Wording, rate: number | undefined, canBurst: boolean): Manner[] {
  return [
    { wording: w, rate, burst: false },
    { wording: briskWording(w), rate: rate === undefined ? undefined : briskRate(rate), burst: canBurst },
  ];
}
