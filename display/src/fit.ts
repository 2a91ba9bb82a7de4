// A Svelte action that sets the largest font size (up to `max` px) at which a one-line text fits
// its box. Fonts differ between TVs (DejaVu is much wider than Segoe UI), so the board measures
// instead of guessing character widths.
import type { Action } from 'svelte/action';

export interface FitParams {
  max: number;
  /** What is shown: a change refits. */
  text: string;
}

export const fit: Action<HTMLElement, FitParams> = (node, params) => {
  let max = params.max;
  const apply = () => {
    node.style.fontSize = `${max}px`;
    const room = node.clientWidth;
    const need = node.scrollWidth;
    if (room > 0 && need > room) node.style.fontSize = `${Math.floor((max * room) / need) - 1}px`;
  };
  const observer = new ResizeObserver(apply);
  observer.observe(node.parentElement ?? node);
  apply();
  return {
    update(next: FitParams) {
      max = next.max;
      apply();
    },
    destroy() {
      observer.disconnect();
    },
  };
};
