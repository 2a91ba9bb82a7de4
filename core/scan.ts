// The kiosk's USB barcode/QR scanner types like a keyboard: the whole code in a burst, a few
// milliseconds per character (2–10 ms), then Enter. A person typing (even fast, even on a real
// keyboard) leaves 80 ms or more between keys on average. The detector keeps the recent printable
// keys with their times and, at Enter, looks at the trailing burst: long enough and fast enough on
// average is a scan. The average, not every gap, decides: a busy machine delivers keys unevenly
// (measured here with Chromium under a load of 20 on 2 cores: averages 12–36 ms, single gaps up to
// 106 ms for keys sent 2 ms apart), so the limits sit between that and the fastest person.
// Pure: the caller passes each key with its time (KeyboardEvent.timeStamp).

export interface ScanOptions {
  /** A burst's average gap between keys at or below this is a machine (ms). */
  avgGapMs: number;
  /** A gap above this ends a burst: what came before is not part of the scan (ms). */
  breakGapMs: number;
  /** Fewer characters than this is never a scan (a person's quick pair of keys, a stray Enter). */
  minLength: number;
  /** Longest scan kept (the CCCD QR with a long address is ~200 characters). */
  maxLength: number;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = { avgGapMs: 45, breakGapMs: 150, minLength: 6, maxLength: 512 };

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
    if (last !== undefined && k.at - last > this.options.breakGapMs) this.clear();
    if (this.chars.length >= this.options.maxLength) this.clear();
    this.chars.push(k.key);
    this.times.push(k.at);
    return { kind: 'key' };
  }

  /** True while the keys seen so far could still become a scan (the caller may hold them back). */
  get inBurst(): boolean {
    return this.chars.length > 0;
  }

  clear(): void {
    this.chars = [];
    this.times = [];
  }

  /** The trailing burst's text when it is a scan ending at `enterAt`, else null. */
  private burstAt(enterAt: number): string | null {
    const { chars, times, options } = this;
    const n = chars.length;
    if (n < options.minLength) return null;
    if (enterAt - times[n - 1]! > options.breakGapMs) return null;
    // n keys and the Enter: n gaps between n + 1 keys.
    const avg = (enterAt - times[0]!) / n;
    return avg <= options.avgGapMs ? chars.join('') : null;
  }
}
