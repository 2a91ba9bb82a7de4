// The QR printed on the chip ID card, as a USB scanner types it: fields separated by `|` —
// 12-digit number | old 9-digit CMND number (may be empty) | full name | birth date ddmmyyyy |
// sex (Nam/Nữ) | permanent address | issue date ddmmyyyy. Scanners in a US keyboard layout, or
// configured so, may send the name without diacritics; both are accepted. A string that does not
// hold together (wrong field count, a number whose sex/century/year digits disagree with the birth
// date and sex, impossible dates) is refused: the kiosk then says "not an ID card".
import { checkCccd } from './cccd.ts';

export interface CccdQr {
  number: string;
  oldNumber: string | null;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
  address: string;
  /** YYYY-MM-DD */
  issueDate: string;
}

export type CccdQrProblem = 'fields' | 'number' | 'old-number' | 'name' | 'birth-date' | 'sex' | 'issue-date' | 'mismatch';

/** ddmmyyyy → YYYY-MM-DD when it is a real calendar date. */
function date(ddmmyyyy: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(ddmmyyyy);
  if (!m) return null;
  const [, d, mo, y] = m;
  const iso = `${y}-${mo}-${d}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === iso ? iso : null;
}

function sexOf(raw: string): 'male' | 'female' | null {
  const s = raw.normalize('NFC').trim().toLowerCase();
  if (s === 'nam' || s === 'male' || s === 'm') return 'male';
  if (s === 'nữ' || s === 'nu' || s === 'female' || s === 'f') return 'female';
  return null;
}

export function parseCccdQr(raw: string): CccdQr | { problem: CccdQrProblem } {
  // A scanner ends with Enter (and some with a tab or CR); nothing else is trimmed inside fields.
  const fields = raw.normalize('NFC').replace(/[\r\n\t]+$/g, '').trim().split('|');
  // Seven fields on every card seen; newer cards may append more, which are ignored.
  if (fields.length < 7 || fields.length > 12) return { problem: 'fields' };
  const [number, old, name, birth, sex, address, issue] = fields.map((f) => f.trim()) as [string, string, string, string, string, string, string];
  const facts = checkCccd(number);
  if ('problem' in facts) return { problem: 'number' };
  if (old !== '' && !/^\d{9}$/.test(old)) return { problem: 'old-number' };
  if (name.length < 2 || name.length > 100 || /[\d|<>]/.test(name)) return { problem: 'name' };
  const birthDate = date(birth);
  if (!birthDate) return { problem: 'birth-date' };
  const s = sexOf(sex);
  if (!s) return { problem: 'sex' };
  const issueDate = date(issue);
  if (!issueDate || issueDate < birthDate) return { problem: 'issue-date' };
  const year = Number(birthDate.slice(0, 4));
  if (s !== facts.sex || year - (year % 100) !== facts.century || year % 100 !== facts.yearDigits) return { problem: 'mismatch' };
  return { number, oldNumber: old === '' ? null : old, name, birthDate, sex: s, address, issueDate };
}

/** Whole years of age on a local day YYYY-MM-DD (for the age-based priority category). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
