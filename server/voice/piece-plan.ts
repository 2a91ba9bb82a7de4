// Which pieces (phrase-chunks.ts) the voice's worker should have ready: those of one phrase, the
// recurring ones of a configuration (each template's opening with each ticket prefix, each
// counter's words), and the number words of the tickets likely to be called next. Each at the
// configured speed and style, and briskly in the short style with the burst's opening, as the
// planner says them under a backlog. Names only: the worker synthesises.
import type { Phrase } from '@core/announcement.ts';
import { buildJoinedPhrase, buildPhrase, burstTemplate } from '@core/announcement.ts';
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

/**
 * One way calls are said: at the configured speed and style (a quiet hall), or briskly in the
 * short number style, with the burst's short opening too (a backlog, core/announcement-plan.ts).
 */
export interface Manner {
  wording: Wording;
  rate: number | undefined;
  burst: boolean;
}

/** The pieces of one phrase, in order. */
export function piecesOf(engine: PiecedEngine, phrase: Phrase, rate?: number): Piece[] {
  return phraseChunks(phrase).map((c) => engine.piece(c.text, rate));
}

/** Every way a call is said: alone (call or recall), as the first or a later call of a joined phrase, and in a burst. */
function phrasesOf(m: Manner, call: CallWords, other: CallWords): Phrase[] {
  const w = m.wording;
  const openings = m.burst ? [w.template, burstTemplate(w.template)] : [w.template];
  return [
    buildPhrase(w.recallTemplate, call, w.variant, w.style),
    ...openings.flatMap((t) => [
      buildPhrase(t, call, w.variant, w.style),
      buildJoinedPhrase(t, [call, other], w.variant, w.style),
      buildJoinedPhrase(t, [other, call], w.variant, w.style),
    ]),
  ];
}

function collect(engine: PiecedEngine, manners: readonly Manner[], phrases: (m: Manner) => Phrase[], variable: boolean): Piece[] {
  const out = new Map<string, Piece>();
  for (const m of manners) {
    for (const phrase of phrases(m)) {
      for (const chunk of phraseChunks(phrase)) {
        if (chunk.variable !== variable) continue;
        const piece = engine.piece(chunk.text, m.rate);
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
export function fixedPieces(engine: PiecedEngine, manners: readonly Manner[], prefixes: string[], counters: number[]): Piece[] {
  const ps = prefixes.length > 0 ? prefixes : ['A'];
  const cs = counters.length > 0 ? counters : [1];
  return collect(engine, manners, (m) => {
    const phrases: Phrase[] = [];
    for (let i = 0; i < Math.max(ps.length, cs.length); i++) {
      const call = { number: `${ps[i % ps.length]}-001`, counter: cs[i % cs.length]! };
      const other = { number: `${ps[(i + 1) % ps.length]}-002`, counter: cs[(i + 1) % cs.length]! };
      phrases.push(...phrasesOf(m, call, other));
    }
    return phrases;
  }, false);
}

/** The number words of these tickets, as every phrase says them. */
export function numberPieces(engine: PiecedEngine, manners: readonly Manner[], numbers: readonly string[], counter: number): Piece[] {
  const other = { number: 'A-001', counter };
  return collect(engine, manners, (m) => numbers.flatMap((number) => phrasesOf(m, { number, counter }, other)), true);
}
