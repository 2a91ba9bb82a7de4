// Names as a person orders them: "Quầy 2" before "Quầy 10", Vietnamese letters in their own
// order (Đ after D). Intl.Collator with numeric collation does both; one collator is reused.
const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Devices (or any named items) grouped by kind in the given order, then by name, naturally. */
export function byKindThenName(order: readonly string[]): (a: { kind: string; name: string }, b: { kind: string; name: string }) => number {
  return (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || naturalCompare(a.name, b.name);
}
