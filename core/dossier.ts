// Dossier codes (mã hồ sơ) of the national public-service system: an agency code of four
// dot-separated parts, the receiving date YYMMDD and a daily sequence, e.g. 000.00.12.H36-241125-0001.
const DOSSIER_CODE = /^([0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2})-(\d{2})(\d{2})(\d{2})-(\d{4,6})$/;

export function normalizeDossierCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isValidDossierCode(raw: string): boolean {
  const m = DOSSIER_CODE.exec(normalizeDossierCode(raw));
  if (!m) return false;
  const month = Number(m[3]);
  const day = Number(m[4]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
