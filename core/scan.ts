// The kiosk's USB barcode/QR scanner types like a keyboard: the whole code in a burst, a few
// milliseconds per character (2–10 ms), then Enter. A person typing (even fast, even on a real
// keyboard) leaves 80 ms or more between keys on average. The detector keeps the recent printable
// keys with their times and, at Enter, looks at the trailing burst: long enough and fast enough on
// average is a scan. The average, not every gap, decides: a busy machine delivers keys unevenly
// (measured here with Chromium under a load of 20 on 2 cores: averages 12–51 ms, single gaps up to
// 106 ms, for keys sent 2 ms apart). The limit, 60 ms on average over at least 6 keys (200 words a
// minute of random letters and digits), sits between that and the fastest person; and a kiosk has
// no keyboard but the scanner.
// Pure: the caller passes each key with its time (KeyboardEvent.timeStamp).

export interface ScanOptions {
  /** A burst's average gap between keys at or below this is a machine (ms). */
  avgGapMs: number;
  /** Keys older than a pause this long are forgotten (ms). */
  idleMs: number;
  /** Fewer characters than this is never a scan (a person's quick pair of keys, a stray Enter). */
  minLength: number;
  /** Longest scan kept (the CCCD QR with a long address is ~200 characters). */
  maxLength: number;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = { avgGapMs: 60, idleMs: 1000, minLength: 6, maxLength: 512 };

export type ScanKey = { key: string; at: number; ctrl?: boolean; alt?: boolean; meta?: boolean };

/** What a key meant: part of a possible scan, the end of a scan (its text), or nothing to say. */
export type ScanStep = { kind: 'scan'; text: string } | { kind: 'key' } | { kind: 'ignored' };

export class ScanDetector {
  private chars: string[] = [];
  private times: number[] = [];
  private readonly options: ScanOptions;

  constructor(options: Partial<ScanOptions> = {}) {
    this.options = { ...DEFAULT_SCAN_OPTIONS, ...options };
  }

  /** Feed one keydown; a `scan` result means the caller should swallow this Enter and route the text. */
  feed(k: ScanKey): ScanStep {
    if (k.ctrl || k.alt || k.meta) {
      this.clear();
      return { kind: 'ignored' };
    }
    if (k.key === 'Enter') {
      const text = this.burstAt(k.at);
      this.clear();
      return text === null ? { kind: 'ignored' } : { kind: 'scan', text };
    }
    // Printable keys only ('a', 'Ữ', '|'); Shift, Tab, arrows… are not characters of the code.
    if ([...k.key].length !== 1) return { kind: 'ignored' };
    const last = this.times.at(-1);
    if (last !== undefined && k.at - last > this.options.idleMs) this.clear();
    if (this.chars.length >= this.options.maxLength) {
      this.chars.shift();
      this.times.shift();
    }
    this.chars.push(k.key);
    this.times.push(k.at);
    return { kind: 'key' };
  }

  /** True while the keys seen so far could still become a scan. */
  get inBurst(): boolean {
    return this.chars.length > 0;
  }

  clear(): void {
    this.chars = [];
    this.times = [];
  }

  /**
   * The scan ending with the Enter at `enterAt`, or null: the longest run of the latest keys that
   * is fast enough on average. A stall of the machine inside a scan does not cut it in two; keys a
   * person typed before it make the run too slow on average and are left out.
   */
  private burstAt(enterAt: number): string | null {
    const { chars, times, options } = this;
    const n = chars.length;
    // Keys i… and the Enter: n − i gaps, from key i to the Enter.
    for (let i = 0; i + options.minLength <= n; i++) {
      if ((enterAt - times[i]!) / (n - i) <= options.avgGapMs) return chars.slice(i).join('');
    }
    return null;
  }
}
