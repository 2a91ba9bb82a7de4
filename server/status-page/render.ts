// The phone status page behind a ticket's QR code, rendered here as plain HTML: no app bundle,
// a few kilobytes, readable on a cheap phone even before its script runs. The script only
// swaps in a fresh copy of the status block every few seconds (see script.ts).
import type { Params, Text } from '@core/i18n.ts';
import { fill } from '@core/i18n.ts';
import { ticketStatusPage as t } from '@core/text/kiosk.ts';
import { localTimeOfDay } from '@core/time.ts';
import type { PublicTicketStatus } from '@core/views.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Vietnamese, then English in smaller type. */
function both(text: Text, params: Params = {}, tag = 'p'): string {
  return `<${tag}>${escapeHtml(fill(text.vi, params, 'vi'))}<span class="en" lang="en">${escapeHtml(fill(text.en, params, 'en'))}</span></${tag}>`;
}

/** What the page shows, as one word the script compares between updates. */
export function pageState(s: PublicTicketStatus): string {
  if (s.status === 'cancelled') return s.endReason === 'expired' || s.endReason === 'restored' ? s.endReason : 'cancelled';
  return s.status;
}

function figure(label: Text, value: string, valueEn: string): string {
  return `<div class="fig"><div class="label">${escapeHtml(label.vi)}<span class="en" lang="en">${escapeHtml(label.en)}</span></div>`
    + `<div class="value">${escapeHtml(value)}<span class="en" lang="en">${escapeHtml(valueEn)}</span></div></div>`;
}

/** The live block: replaced as a whole on every update. */
export function statusBlock(s: PublicTicketStatus, now: number): string {
  const state = pageState(s);
  const head = `<div class="num">${escapeHtml(s.number)}</div><p class="svc">${escapeHtml(s.serviceNameVi)}<span class="en" lang="en">${escapeHtml(s.serviceNameEn)}</span></p>`;
  let body: string;
  switch (state) {
    case 'waiting': {
      const eta = s.etaMin === null ? [t.noCounterOpen.vi, t.noCounterOpen.en]
        : s.etaMin === 0 ? [t.soon.vi, t.soon.en]
        : [fill(t.minutesAbout.vi, { n: s.etaMin }), fill(t.minutesAbout.en, { n: s.etaMin })];
      body = both(t.waiting, {}, 'h2') + figure(t.peopleAhead, String(s.ahead), '') + figure(t.estimatedWait, eta[0]!, eta[1]!);
      break;
    }
    case 'called':
      body = `<div class="call">${both(t.called, {}, 'h2')}<div class="label">${escapeHtml(t.counter.vi)} <span lang="en">/ ${escapeHtml(t.counter.en)}</span></div>`
        + `<div class="counter" data-testid="counter">${s.counter ?? ''}</div></div>`;
      break;
    case 'serving':
      body = both(t.serving, { n: s.counter ?? '' }, 'h2');
      break;
    case 'done':
      body = both(t.done, {}, 'h2');
      break;
    case 'no-show':
      body = both(t.missed, {}, 'h2');
      break;
    case 'expired':
      body = both(t.expired, {}, 'h2');
      break;
    case 'restored':
      body = both(t.restored, {}, 'h2');
      break;
    default:
      body = both(t.cancelled, {}, 'h2');
  }
  const updated = both(t.updatedAt, { time: localTimeOfDay(now) });
  return `<main id="status" data-state="${state}" data-counter="${s.counter ?? ''}">${head}${body}<div class="upd">${updated}</div></main>`;
}

export const STYLE = `*{box-sizing:border-box}body{margin:0;font:20px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff}
header{background:#0b3d91;color:#fff;padding:10px 16px;font-size:16px;font-weight:600;display:flex;align-items:center;gap:10px}
header img{flex:none;height:32px;width:auto;max-width:96px;object-fit:contain;background:#fff;border-radius:4px;padding:2px}
main{padding:16px;text-align:center}.en{display:block;font-size:.75em;color:#444;font-weight:400}
.num{font-size:64px;font-weight:800;letter-spacing:1px;margin:8px 0 0}.svc{font-size:22px;font-weight:600;margin:0 0 12px}
h2{font-size:24px;margin:12px 0}.fig{border:2px solid #0b3d91;border-radius:10px;padding:10px;margin:10px 0}
.fig .label{font-size:18px}.fig .value{font-size:34px;font-weight:800}
.call{background:#ffd400;border:4px solid #111;border-radius:12px;padding:12px;margin:12px 0}
.call .label{font-size:22px;font-weight:700}.counter{font-size:120px;font-weight:900;line-height:1}
.upd p{font-size:15px;color:#444;margin:16px 0 0}.upd .en{display:inline;margin-left:6px}
#alert{display:block;width:calc(100% - 32px);margin:8px 16px 24px;min-height:56px;font:inherit;font-size:18px;border:2px solid #0b3d91;border-radius:10px;background:#eef3ff;color:#0b3d91}
#alert[hidden],#note:empty{display:none}
#note{font-size:17px;font-weight:600;color:#0b3d91;background:#eef3ff;border-radius:10px;padding:10px 12px;text-align:center;margin:8px 16px 24px}
#note.warn{color:#7a4a00;background:#fff4d6}`;

/** `logoUrl`: the center's logo (/media/logo?v=…), shown small beside its name, or null. */
export function statusPage(s: PublicTicketStatus, centerName: string, now: number, nonce: string, script: string, logoUrl: string | null = null): string {
  const logo = logoUrl ? `<img src="${escapeHtml(logoUrl)}" alt="" width="64" height="32">` : '';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(s.number)} — ${escapeHtml(t.title.vi)}</title><style>${STYLE}</style></head>
<body><header>${logo}<span>${escapeHtml(centerName)}</span></header>${statusBlock(s, now)}
<button id="alert" type="button" hidden>${escapeHtml(t.alertOn.vi)}<span class="en" lang="en">${escapeHtml(t.alertOn.en)}</span></button>
<p id="note" role="status"></p>
<script nonce="${nonce}">${script}</script></body></html>`;
}

export function notFoundPage(): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(t.title.vi)}</title><style>${STYLE}</style></head>
<body><main id="status" data-state="not-found">${both(t.notFound, {}, 'h2')}</main></body></html>`;
}
