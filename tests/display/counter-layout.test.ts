// The all-zones board with 100 counters (issue 17): tiles read "Quầy" with the number cut off.
// The grid now chooses its shape so the widest label fits at a readable size.
import { describe, expect, it } from 'vitest';
import { counterLayout, MIN_LABEL } from '../../display/src/counter-layout.ts';

const label = (n: number) => `Quầy ${n}`;
/** The label's estimated width at its font (bold, ~0.72 em per character), as the layout assumes. */
const labelWidth = (text: string, font: number) => text.length * 0.72 * font;

describe('counter grid layout', () => {
  it.each([[6, 1920, 640], [30, 1920, 640], [60, 1920, 640], [100, 1920, 640], [100, 1053, 694]])('%i counters on a %i×%i grid: every label fits its card at ≥ 14 px', (n, width, height) => {
    const l = counterLayout(n, width, height, label);
    expect(l.cols * l.rows).toBeGreaterThanOrEqual(n);
    const cardW = (width - l.gap * (l.cols - 1)) / l.cols;
    expect(l.labelFont).toBeGreaterThanOrEqual(MIN_LABEL);
    expect(labelWidth(label(n), l.labelFont) + 8).toBeLessThanOrEqual(cardW + 0.01);
    expect(l.font).toBeGreaterThan(0);
  });

  it('a few counters get big numbers, as before', () => {
    const l = counterLayout(6, 1920, 640, label);
    expect(l.font).toBeGreaterThanOrEqual(100);
  });
});
