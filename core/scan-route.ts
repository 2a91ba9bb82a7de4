// What a scanned text is, so the kiosk sends it to the right place whichever screen it is on:
// the CCCD chip card's QR (fields separated by `|`) → check-in by ID card; a dossier code from a
// receipt (core/dossier.ts) → result pick-up; a booking's QR (LUOT-BK:<center>:<code>) or a bare
// booking code → check-in by booking code. The server validates each again; this only routes.
import { parseBookingScan } from './booking/codes.ts';
import { isValidDossierCode, normalizeDossierCode } from './dossier.ts';

export type ScanRoute =
  | { kind: 'cccd'; raw: string }
  | { kind: 'dossier'; code: string }
  /** `text` is sent as scanned: the server checks the center's tag in it. */
  | { kind: 'booking'; text: string; code: string }
  | { kind: 'unknown' };

export function routeScan(text: string): ScanRoute {
  const raw = text.normalize('NFC').replace(/[\r\n\t]+$/g, '').trim();
  if (raw.includes('|')) return { kind: 'cccd', raw };
  if (isValidDossierCode(raw)) return { kind: 'dossier', code: normalizeDossierCode(raw) };
  const booking = parseBookingScan(raw);
  if (booking) return { kind: 'booking', text: raw, code: booking.code };
  return { kind: 'unknown' };
}
