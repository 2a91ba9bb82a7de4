// Which pieces (phrase-chunks.ts) the voice's worker should have ready: those of one phrase, the
// recurring ones of a configuration (each template's opening with each ticket prefix, each
// counter's words), and the number words of the tickets likely to be called next. Each at the
// configured speed and at the brisk one the planner uses under a backlog. Names only: the worker
// synthesises.
import type { Phrase } from '@core/announcement.ts';
import { buildJoinedPhrase, buildPhrase } from '@core/announcement.ts';
import type { CallWords } from '@core/announcement.ts';
import type { NumberStyle, NumberVariant } from '@core/vietnamese-numbers.ts';
import type { VoiceEngine } from './engine.ts';
import { phraseChunks } from './phrase-chunks.ts';
import type { Piece } from './worker-protocol.ts';

export type PiecedEngine = VoiceEngine & Required<Pick<VoiceEngine, 'piece'>>;

export interface Wording {
  template: string;
  recallTemplate: string;
  variant: NumberVariant;
  style: NumberStyle;
}

/** The pieces of one phrase, in order. */
export function piecesOf(engine: PiecedEngine, phrase: Phrase, rate?: number): Piece[] {
  return phraseChunks(phrase).map((c) => engine.piece(c.text, rate));
}

/** Every way a call is said: alone (call or recall), and as the first or a later call of a joined phrase. */
function phrasesOf(w: Wording, call: CallWords, other: CallWords): Phrase[] {
  return [
    buildPhrase(w.template, call, w.variant, w.style),
    buildPhrase(w.recallTemplate, call, w.variant, w.style),
    buildJoinedPhrase(w.template, [call, other], w.variant, w.style),
    buildJoinedPhrase(w.template, [other, call], w.variant, w.style),
  ];
}

function collect(engine: PiecedEngine, phrases: Phrase[], rates: number[], variable: boolean): Piece[] {
  const out = new Map<string, Piece>();
  for (const phrase of phrases) {
    for (const chunk of phraseChunks(phrase)) {
      if (chunk.variable !== variable) continue;
      for (const rate of rates) {
        const piece = engine.piece(chunk.text, rate);
        out.set(piece.key, piece);
      }
    }
  }
  return [...out.values()];
}

/**
 * The recurring pieces: every prefix and every counter appear at least once (paired in turn, as
 * the opening depends on the prefix and the ending on the counter).
 */
export function fixedPieces(engine: PiecedEngine, w: Wording, prefixes: string[], counters: number[], rates: number[]): Piece[] {
  const ps = prefixes.length > 0 ? prefixes : ['A'];
  const cs = counters.length > 0 ? counters : [1];
  const phrases: Phrase[] = [];
  for (let i = 0; i < Math.max(ps.length, cs.length); i++) {
    const call = { number: `${ps[i % ps.length]}-001`, counter: cs[i % cs.length]! };
    const other = { number: `${ps[(i + 1) % ps.length]}-002`, counter: cs[(i + 1) % cs.length]! };
    phrases.push(...phrasesOf(w, call, other));
  }
  return collect(engine, phrases, rates, false);
}

/** The number words of these tickets, as every phrase says them. */
export function numberPieces(engine: PiecedEngine, w: Wording, numbers: readonly string[], counter: number, rates: number[]): Piece[] {
  const other = { number: 'A-001', counter };
  return collect(engine, numbers.flatMap((number) => phrasesOf(w, { number, counter }, other)), rates, true);
}
