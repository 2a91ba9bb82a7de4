// A phrase cut at its breaths (the commas of what an engine is given), so that each piece is
// synthesised once and kept: "Xin mời công dân có số thứ tự a," | "không trăm hai mươi lăm," |
// "đến quầy số ba". The opening and each counter's words recur all day; only the ticket number's
// words change from call to call. A piece keeps its comma, so espeak-ng says it with the
// intonation and the pause it has inside the whole phrase: the pieces played one after another
// last as long as the whole phrase said at once (tests/voice/chunked-voice.test.ts checks this).
// The main thread only names the pieces; the voice's worker synthesises and joins them.
import type { Phrase, PhrasePart } from '@core/announcement.ts';

export interface PhraseChunk {
  /** What the engine says for this piece, with its trailing comma when more follows. */
  text: string;
  /** Holds a ticket number's words: changes with every call (the rest recurs). */
  variable: boolean;
}

function wordsOf(p: Exclude<PhrasePart, { kind: 'pause' }>): string {
  return p.kind === 'text' ? p.text : p.kind === 'letter' ? p.name : p.words.join(' ');
}

/** The phrase's pieces in order; joined with spaces they are exactly `phrase.spoken`. */
export function phraseChunks(phrase: Phrase): PhraseChunk[] {
  const chunks: PhraseChunk[] = [];
  let words: string[] = [];
  let variable = false;
  const close = (last: boolean) => {
    if (words.length === 0) return;
    chunks.push({ text: words.join(' ') + (last ? '' : ','), variable });
    words = [];
    variable = false;
  };
  for (const part of phrase.parts) {
    if (part.kind === 'pause') {
      close(false);
      continue;
    }
    words.push(wordsOf(part));
    if (part.kind === 'number') variable = true;
  }
  close(true);
  return chunks;
}
