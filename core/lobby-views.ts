// What lobby boards receive besides the queue snapshot: their settings (sent on every connect)
// and each call's announcement once its audio is ready.
import type { ConfigIndex } from './config.ts';
import type { BoardCallView } from './views.ts';

export interface AnnouncementView {
  /** The (first) call said. */
  call: BoardCallView;
  /** Every call said, in order: more than one when a backlog's calls were joined into one phrase. */
  calls: BoardCallView[];
  /** Server time after which a board must not start it any more (null: no limit, the admin's preview). */
  notAfter: number | null;
  /** What is said, as a board may show it: "Xin mời công dân có số thứ tự A-025 đến quầy số 3". */
  text: string;
  /** The WAV to play (chime, then the phrase once or twice), or null when there is nothing to play. */
  audioUrl: string | null;
  /** Length of that audio when known, for the board's safety timeout. */
  durationMs: number | null;
  /** false: the voice could not speak (misconfigured or failed) and the audio is the chime alone. */
  voiced: boolean;
}

export interface BoardService {
  code: string;
  prefix: string;
  nameVi: string;
  nameEn: string;
  order: number;
}

export interface DisplaySettings {
  /** Server time when sent: the board's clock follows the server, not its own. */
  now: number;
  zone: string | null;
  notice: string;
  theme: 'dark' | 'light';
  highlightSec: number;
  /** Services served by the board's counters (all, for an all-zone board), in kiosk order. */
  services: BoardService[];
}

export function displaySettings(index: ConfigIndex, zone: string | null, now: number): DisplaySettings {
  const cfg = index.config;
  const served = new Set<string>();
  for (const c of cfg.counters) {
    if (zone === null || c.zone === zone) for (const s of c.services) served.add(s.serviceCode);
  }
  const services = cfg.services
    .filter((s) => s.active && served.has(s.code))
    .sort((a, b) => a.order - b.order || a.prefix.localeCompare(b.prefix))
    .map((s) => ({ code: s.code, prefix: s.prefix, nameVi: s.nameVi, nameEn: s.nameEn, order: s.order }));
  return { now, zone, notice: cfg.display.notice, theme: cfg.display.theme, highlightSec: cfg.display.highlightSec, services };
}
