// The counter grid's shape: the column count that makes the called numbers largest for the space
// and the number of counters (6 or 100), provided each card's label ("Quầy 100") fits its width.
// Widths are estimated here (about 0.72 em per character: DejaVu Sans Bold, the widest font boards have); the board also measures and
// shrinks the label if a TV's font is wider (fit.ts), so the label is never cut.

export interface CounterLayout {
  cols: number;
  rows: number;
  /** Font size of the called number, px. */
  font: number;
  /** Font size of the label, px. */
  labelFont: number;
  /** Space between cards, px: less when there are many, so the cards keep room for their labels. */
  gap: number;
}

export const GAP = 16;
const TIGHT_GAP = 6;
/** From this many counters on, the cards sit closer together. */
const MANY = 40;
/** Below this a label is not readable across a hall: prefer a layout that keeps it larger. */
export const MIN_LABEL = 14;
const CHAR_EM = 0.72;
const CARD_PAD = 8;

export function counterLayout(n: number, width: number, height: number, label: (k: number) => string): CounterLayout {
  const count = Math.max(1, n);
  // The widest label, in characters ("Quầy 100" for a hundred counters).
  const chars = Math.max(...Array.from({ length: count }, (_, i) => label(i + 1).length), 1);
  const gap = count >= MANY ? TIGHT_GAP : GAP;
  let best: CounterLayout & { score: number } = { cols: 1, rows: count, font: 0, labelFont: 0, gap, score: -Infinity };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const cardW = (width - gap * (cols - 1)) / cols;
    const cardH = (height - gap * (rows - 1)) / rows;
    if (cardW <= 0 || cardH <= 0) continue;
    // The number (up to 6 characters) and the label above it must both fit the card.
    const font = Math.min(cardH * 0.52, cardW / (5 * 0.7), 160);
    const labelRoom = (cardW - CARD_PAD) / (chars * CHAR_EM);
    const labelFont = Math.min(Math.max(MIN_LABEL, font * 0.36), labelRoom, cardH * 0.3);
    // A label squeezed below MIN_LABEL costs more than a smaller number.
    const score = labelFont >= MIN_LABEL ? font : font - 1000 + labelFont;
    if (score > best.score) best = { cols, rows, font, labelFont, gap, score };
  }
  return { cols: best.cols, rows: best.rows, font: best.font, labelFont: best.labelFont, gap };
}
