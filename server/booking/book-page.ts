// GET /book: the citizen's booking page. Server-rendered HTML with the status page's look (its
// stylesheet) and one small script: no app bundle, no sign-in, a few kilobytes on a cheap phone.
// The script talks to /api/book (public-api.ts); the catalog search runs on the server.
import express from 'express';
import type { Router } from 'express';
import { randomBytes } from 'node:crypto';
import { logoUrl } from '@core/logo.ts';
import { ruleFor } from '@core/booking/settings.ts';
import { bookingPage as t } from '@core/text/booking.ts';
import type { Text } from '@core/i18n.ts';
import type { LiveConfig } from '../config/live-config.ts';
import { STYLE, escapeHtml } from '../status-page/render.ts';
import { BOOK_SCRIPT } from './book-script.ts';

const EXTRA = `main{text-align:left;max-width:560px;margin:0 auto}h1{font-size:26px;margin:4px 0 12px}section{margin:0 0 18px}
input,select,button{font:inherit;width:100%;min-height:48px;padding:8px 10px;border:2px solid #0b3d91;border-radius:10px;margin:4px 0;background:#fff}
button{background:#0b3d91;color:#fff;font-weight:700}button.alt{background:#eef3ff;color:#0b3d91}label{display:block;margin:8px 0;font-size:18px}
.chips{display:flex;flex-wrap:wrap;gap:8px}.chips button{width:auto;flex:1 0 30%;background:#eef3ff;color:#0b3d91;font-weight:600}
.chips button[aria-pressed=true]{background:#0b3d91;color:#fff}.chips button:disabled{opacity:.45}.small{font-size:15px;color:#444}
#hits{list-style:none;padding:0;margin:0}#hits button{text-align:left;background:#fff;color:#111;font-weight:400}
#err:empty{display:none}#err{color:#8a1c1c;background:#ffecec;border-radius:10px;padding:10px;font-weight:600}
.code{font-size:44px;font-weight:800;letter-spacing:4px;text-align:center}#qr svg{display:block;width:220px;height:220px;margin:8px auto}`;

function both(text: Text, tag = 'span'): string {
  return `<${tag}>${escapeHtml(text.vi)}<span class="en" lang="en">${escapeHtml(text.en)}</span></${tag}>`;
}

export function bookPage(config: LiveConfig, nonce: string): string {
  const { index } = config;
  const center = index.config.center;
  const settings = index.config.bookings;
  const services = index.config.services.filter((s) => s.active && settings.enabled && ruleFor(settings, s.code).enabled);
  const options = services.map((s) => `<option value="${escapeHtml(s.code)}">${escapeHtml(s.nameVi)}</option>`).join('');
  const logo = logoUrl(center);
  // Only the texts the script writes itself; the rest is in the HTML.
  const { free, full, closed, when, cancelled, failed, status } = t;
  const texts = JSON.stringify({ free, full, closed, when, cancelled, failed, status }).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(t.title.vi)} — ${escapeHtml(center.nameVi)}</title><style>${STYLE}${EXTRA}</style></head>
<body><header>${logo ? `<img src="${escapeHtml(logo)}" alt="" width="64" height="32">` : ''}<span>${escapeHtml(center.nameVi)}</span></header>
<main id="book">${both(t.title, 'h1')}<p class="small">${escapeHtml(t.intro.vi)}</p>
<section id="s1">${both(t.step1, 'h2')}<input id="q" type="search" autocomplete="off" placeholder="${escapeHtml(t.searchPlaceholder.vi)}" aria-label="${escapeHtml(t.step1.vi)}">
<ul id="hits"></ul><label>${escapeHtml(t.orChoose.vi)}<select id="svc"><option value="">—</option>${options}</select></label></section>
<section id="s2" hidden>${both(t.step2, 'h2')}<p id="chosen"></p><div id="days" class="chips"></div><p id="noslots" class="small" hidden>${escapeHtml(t.noSlots.vi)}</p><div id="slots" class="chips"></div></section>
<section id="s3" hidden>${both(t.step3, 'h2')}<form id="f" novalidate>
<label>${escapeHtml(t.phone.vi)}<input name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="16" required></label>
<label>${escapeHtml(t.cccd.vi)}<input name="cccd" inputmode="numeric" autocomplete="off" maxlength="12" required></label>
<label>${escapeHtml(t.name.vi)}<input name="name" autocomplete="name" maxlength="100"></label>
<p class="small">${escapeHtml(t.privacy.vi)}</p><button id="submit">${escapeHtml(t.submit.vi)}</button></form></section>
<p id="err" role="alert"></p>
<section id="s4" hidden>${both(t.done, 'h2')}<p>${escapeHtml(t.code.vi)}</p><div id="code" class="code" data-testid="code"></div><p id="when"></p><div id="qr"></div>
<p class="small">${escapeHtml(t.bring.vi)}</p><p id="state"></p><button id="cancel" class="alt" hidden>${escapeHtml(t.cancel.vi)}</button>
<button id="move" class="alt" hidden>${escapeHtml(t.move.vi)}…</button><button id="again" class="alt">${escapeHtml(t.newBooking.vi)}</button></section>
<details id="m"><summary>${escapeHtml(t.manage.vi)}</summary><form id="mf" novalidate>
<label>${escapeHtml(t.code.vi)}<input name="code" autocomplete="off" maxlength="9" required></label>
<label>${escapeHtml(t.phone.vi)}<input name="phone" type="tel" inputmode="tel" maxlength="16" required></label>
<button>${escapeHtml(t.find.vi)}</button></form></details></main>
<script nonce="${nonce}">var T=${texts};${BOOK_SCRIPT}</script></body></html>`;
}

export function bookPageRouter(deps: { config: LiveConfig }): Router {
  const router = express.Router();
  router.get('/book', (_req, res) => {
    const nonce = randomBytes(12).toString('base64');
    res.set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; script-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    }).type('html').send(bookPage(deps.config, nonce));
  });
  return router;
}
