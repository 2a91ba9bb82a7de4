// What a scanned text is, so the kiosk sends it to the right place whichever screen it is on:
// the CCCD chip card's QR (fields separated by `|`) → check-in by ID card; a dossier code from a
// receipt (core/dossier.ts) → result pick-up; a short code → check-in by booking code. The server
// validates each again; this only routes.
import { isValidDossierCode, normalizeDossierCode } from './dossier.ts';

export type ScanRoute =
  | { kind: 'cccd'; raw: string }
  | { kind: 'dossier'; code: string }
  | { kind: 'booking'; code: string }
  | { kind: 'unknown' };

/** A booking code as scanned or typed: letters and digits, forgiving case, spaces and dashes. */
const SHORT_CODE = /^[A-Z0-9]{4,16}$/;

export function routeScan(text: string): ScanRoute {
  const raw = text.normalize('NFC').replace(/[\r\n\t]+$/g, '').trim();
  if (raw.includes('|')) return { kind: 'cccd', raw };
  if (isValidDossierCode(raw)) return { kind: 'dossier', code: normalizeDossierCode(raw) };
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  if (SHORT_CODE.test(code)) return { kind: 'booking', code };
  return { kind: 'unknown' };
}
