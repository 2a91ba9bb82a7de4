// The kiosk's scanner detector with plain key times: a USB scanner's burst ending in Enter is a
// scan; a person typing the same characters, even quickly, is not. And where a scan is routed.
import { describe, expect, it } from 'vitest';
import { ScanDetector } from '@core/scan.ts';
import type { ScanStep } from '@core/scan.ts';
import { routeScan } from '@core/scan-route.ts';

/** Types `text` then Enter, the i-th gap taken from `gaps` (cycled); returns the Enter's result. */
function type(d: ScanDetector, text: string, gaps: number[], start = 10_000): ScanStep {
  let at = start;
  [...text].forEach((ch, i) => {
    d.feed({ key: ch, at });
    at += gaps[i % gaps.length]!;
  });
  return d.feed({ key: 'Enter', at });
}

const CCCD = '001089012345|123456789|Nguyen Van An|15031989|Nam|So 1 Trang Tien, Hoan Kiem, Ha Noi|20042021';

describe('ScanDetector', () => {
  it('a scanner burst (a few ms a key) ending in Enter is a scan, with its text', () => {
    expect(type(new ScanDetector(), 'K7M4QXP', [4])).toEqual({ kind: 'scan', text: 'K7M4QXP' });
    expect(type(new ScanDetector(), CCCD, [2, 3, 1])).toEqual({ kind: 'scan', text: CCCD });
    expect(type(new ScanDetector(), '000.00.12.H36-241125-0001', [8])).toEqual({ kind: 'scan', text: '000.00.12.H36-241125-0001' });
  });

  it('a person typing the same code is not a scan, fast typist included', () => {
    expect(type(new ScanDetector(), 'K7M4QXP', [180, 240, 150])).toEqual({ kind: 'ignored' });
    // ~120 words a minute, with key rollover now and then (two keys 15 ms apart).
    expect(type(new ScanDetector(), 'K7M4QXP', [90, 15, 110, 70])).toEqual({ kind: 'ignored' });
  });

  it('a slow key or two inside a scan (busy kiosk) does not spoil it: the average decides', () => {
    expect(type(new ScanDetector(), 'K7M4QXPAB', [3, 3, 3, 70, 3, 3, 3, 3])).toEqual({ kind: 'scan', text: 'K7M4QXPAB' });
    // Measured from Chromium on a loaded machine, keys sent 2 ms apart.
    const busy = [106, 27, 47, 16, 20, 15, 79, 52, 56, 25, 32, 35, 32, 61, 21, 17, 19, 8, 20, 33];
    expect(type(new ScanDetector(), 'LUOT-BK:ABCD:K7M4QXP', busy)).toEqual({ kind: 'scan', text: 'LUOT-BK:ABCD:K7M4QXP' });
    const starved = [41, 14, 18, 36, 27, 101, 71, 45, 49, 92, 86, 24, 90, 12, 44, 47, 31, 40, 72, 85];
    expect(type(new ScanDetector(), 'LUOT-BK:3HUV:ZMTST83', starved)).toEqual({ kind: 'scan', text: 'LUOT-BK:3HUV:ZMTST83' });
  });

  it('too short is not a scan (a quick pair of keys, a stray Enter)', () => {
    expect(type(new ScanDetector(), 'AB', [2])).toEqual({ kind: 'ignored' });
    expect(new ScanDetector().feed({ key: 'Enter', at: 5 })).toEqual({ kind: 'ignored' });
  });

  it('what a person typed before the scanner is not part of the scan', () => {
    const d = new ScanDetector();
    let at = 0;
    for (const ch of 'hello') { d.feed({ key: ch, at }); at += 200; }
    expect(type(d, 'K7M4QXP', [4], at + 500)).toEqual({ kind: 'scan', text: 'K7M4QXP' });
  });

  it('a stall of the machine in the middle of a scan (one gap of 400 ms) does not cut it in two', () => {
    const gaps = Array.from({ length: 24 }, (_, i) => (i === 3 ? 400 : 5));
    expect(type(new ScanDetector(), '000.00.12.H36-241125-0001', gaps)).toEqual({ kind: 'scan', text: '000.00.12.H36-241125-0001' });
  });

  it('keys older than a long pause are forgotten', () => {
    const d = new ScanDetector();
    for (const [i, ch] of [...'XY'].entries()) d.feed({ key: ch, at: i * 5 });
    expect(type(d, 'K7M4QXP', [4], 5_000)).toEqual({ kind: 'scan', text: 'K7M4QXP' });
  });

  it('a long pause before Enter is a person pressing Enter, not the scanner', () => {
    const d = new ScanDetector();
    [...'K7M4QXP'].forEach((ch, i) => d.feed({ key: ch, at: i * 4 }));
    expect(d.feed({ key: 'Enter', at: 24 + 400 })).toEqual({ kind: 'ignored' });
  });

  it('Shift and other named keys are not characters; a shortcut breaks the burst', () => {
    const d = new ScanDetector();
    let at = 0;
    for (const ch of '001|ABC') {
      if (ch === '|' || /[A-Z]/.test(ch)) expect(d.feed({ key: 'Shift', at })).toEqual({ kind: 'ignored' });
      d.feed({ key: ch, at });
      at += 3;
    }
    expect(d.feed({ key: 'Enter', at })).toEqual({ kind: 'scan', text: '001|ABC' });
    for (const ch of 'ABCDEFG') d.feed({ key: ch, at: (at += 3) });
    d.feed({ key: 'v', at: (at += 3), ctrl: true });
    expect(d.feed({ key: 'Enter', at: (at += 3) })).toEqual({ kind: 'ignored' });
  });

  it('after a scan the detector starts afresh', () => {
    const d = new ScanDetector();
    expect(type(d, 'AAAAAAA', [3], 0).kind).toBe('scan');
    expect(d.inBurst).toBe(false);
    expect(type(d, 'BBBBBBB', [200], 1_000)).toEqual({ kind: 'ignored' });
  });
});

describe('routeScan', () => {
  it('the CCCD QR (fields separated by |) goes to check-in by ID card, kept whole', () => {
    expect(routeScan(CCCD + '\r')).toEqual({ kind: 'cccd', raw: CCCD });
  });

  it('a dossier code from the receipt goes to result pick-up, normalised', () => {
    expect(routeScan(' 000.00.12.h36-241125-0001 ')).toEqual({ kind: 'dossier', code: '000.00.12.H36-241125-0001' });
  });

  it('a booking QR goes to check-in whole (the server checks its center tag); a bare code too, forgiving case and dashes', () => {
    expect(routeScan('LUOT-BK:LC01:K7M4QXP\n')).toEqual({ kind: 'booking', text: 'LUOT-BK:LC01:K7M4QXP', code: 'K7M4QXP' });
    expect(routeScan('k7m-4qxp')).toEqual({ kind: 'booking', text: 'k7m-4qxp', code: 'K7M4QXP' });
  });

  it('anything else is unknown', () => {
    // K7M4QX0: a 0 is not in the booking alphabet (look-alike of O).
    for (const bad of ['', 'abc', 'K7M4QX0', 'https://example.org/x?y=1', 'x'.repeat(40), '000.00.12.H36-241325-0001']) {
      expect(routeScan(bad)).toEqual({ kind: 'unknown' });
    }
  });
});
