// The apps' pages, built by Vite into dist/ and served from the same port as the API.
import express from 'express';
import type { Router } from 'express';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Built apps; LUOT_DIST_DIR lets parallel test runs build into folders of their own. */
export const DIST_DIR = process.env.LUOT_DIST_DIR ?? fileURLToPath(new URL('../../dist', import.meta.url));

/** URL path → the built page's folder inside dist/. */
export const PAGES: Record<string, string> = {
  '/kiosk': 'kiosk',
  '/counter': 'counter',
  '/counter/rating': 'counter/rating',
  '/display': 'display',
  '/manager': 'manager',
};

function notBuilt(path: string): string {
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lượt</title>
<body style="font:20px system-ui;margin:3rem"><h1>Lượt</h1>
<p>Trang ${path} chưa được build. Hãy chạy <code>npm start</code> (tự build) hoặc <code>npm run build</code>.</p>
<p lang="en">The page ${path} is not built yet. Run <code>npm start</code> (builds it) or <code>npm run build</code>.</p></body></html>`;
}

export function pagesRouter(distDir = DIST_DIR): Router {
  const router = express.Router();
  router.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  for (const [path, folder] of Object.entries(PAGES)) {
    router.get([path, `${path}/`], (_req, res) => {
      const file = join(distDir, folder, 'index.html');
      if (existsSync(file)) return res.sendFile(file, { headers: { 'Cache-Control': 'no-cache' } });
      res.status(503).type('html').send(notBuilt(path));
    });
  }
  router.get('/', (_req, res) => {
    const links = Object.keys(PAGES).map((p) => `<li><a href="${p}">${p}</a></li>`).join('');
    res.type('html').send(`<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lượt</title>
<body style="font:20px system-ui;margin:3rem"><h1>Lượt — hệ thống xếp hàng</h1><ul>${links}</ul></body></html>`);
  });
  return router;
}
