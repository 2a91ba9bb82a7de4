// The 12-digit number of the chip ID card (căn cước công dân, Circular 07/2016/TT-BCA and
// 59/2021/TT-BCA): 3 digits of the province of birth registration, 1 digit of sex and century,
// 2 digits of the birth year, 6 random digits. A check of form, not of existence.

/** Province codes of the 63 provinces the numbers were issued under (still the codes after the 2025 merger). */
export const CCCD_PROVINCES: ReadonlySet<string> = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

export type CccdProblem = 'format' | 'province' | 'century';

export interface CccdFacts {
  province: string;
  sex: 'male' | 'female';
  /** The first year of the birth century: 1900 or 2000 (people alive and served today). */
  century: number;
  /** Last two digits of the birth year. */
  yearDigits: number;
}

/**
 * The facts a number encodes, or why it cannot be a CCCD number. Sex/century digit: 0/1 male/female
 * born 1900–1999, 2/3 born 2000–2099; 4–9 (2100s, 2200s, 1800s) are not people a center serves today.
 */
export function checkCccd(raw: string): CccdFacts | { problem: CccdProblem } {
  const n = raw.replace(/\s/g, '');
  if (!/^\d{12}$/.test(n)) return { problem: 'format' };
  const province = n.slice(0, 3);
  if (!CCCD_PROVINCES.has(province)) return { problem: 'province' };
  const g = Number(n[3]);
  if (g > 3) return { problem: 'century' };
  return { province, sex: g % 2 === 0 ? 'male' : 'female', century: g < 2 ? 1900 : 2000, yearDigits: Number(n.slice(4, 6)) };
}

export function isCccd(raw: string): boolean {
  return !('problem' in checkCccd(raw));
}

/** The number as stored input to the keyed hash: digits only. */
export function cccdDigits(raw: string): string {
  return raw.replace(/\s/g, '');
}
