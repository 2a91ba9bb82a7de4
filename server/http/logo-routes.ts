// The center's logo over HTTP. Admins upload the image file itself (PUT /api/admin/logo,
// Content-Type image/png or image/jpeg, at most 2 MB) or remove it (DELETE); everyone may read
// it at GET /media/logo, which screens address as /media/logo?v=<fingerprint> so that a browser
// keeps it until the logo changes.
import express from 'express';
import type { Request, Router } from 'express';
import { logoUrl, logoVersion, MAX_LOGO_UPLOAD_BYTES, parseLogoDataUrl } from '@core/logo.ts';
import type { Logger } from 'pino';
import type { Actor, ConfigService } from '../admin/config-service.ts';
import type { LiveConfig } from '../config/live-config.ts';
import { prepareLogo } from '../admin/logo.ts';
import { ackError } from '../refusals.ts';
import { fail } from './respond.ts';

const LOGO_TYPES = ['image/png', 'image/jpeg'];
const readLogo = express.raw({ type: LOGO_TYPES, limit: MAX_LOGO_UPLOAD_BYTES });


/** Adds the upload and removal to the admin router (which has already checked the admin). */
export function mountLogoAdmin(api: Router, { configs, logger }: { configs: ConfigService; logger: Logger }, actor: (req: Request) => Actor): void {
  const log = logger.child({ module: 'admin-logo' });
  api.put('/logo', (req, res) => {
    // The body parser is run here, not as middleware, so its refusals get the logo's own words.
    readLogo(req, res, (err?: unknown) => {
      if (err) {
        const type = (err as { type?: string }).type;
        if (type === 'entity.too.large') return fail(res, 'LOGO_FILE_TOO_LARGE', { mb: MAX_LOGO_UPLOAD_BYTES / 1024 / 1024 }, 413);
        return fail(res, 'VALIDATION_FAILED');
      }
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!LOGO_TYPES.includes(contentType) || !Buffer.isBuffer(req.body)) return fail(res, 'LOGO_NOT_IMAGE', {}, 415);
      void (async () => {
        const prepared = await prepareLogo(req.body as Buffer, contentType);
        if (!prepared.ok) return fail(res, prepared.code, prepared.params, prepared.status);
        const result = await configs.change(actor(req), { type: 'logo:put', logo: prepared.dataUrl });
        if (!result.ok) return res.status(result.status).json(result.refusal);
        log.info({ width: prepared.width, height: prepared.height, chars: prepared.dataUrl.length }, 'logo replaced');
        res.json({ ok: true, data: { logoUrl: logoUrl(result.config.center), width: prepared.width, height: prepared.height } });
      })().catch((error: unknown) => {
        log.error({ err: error }, 'logo upload failed');
        if (res.headersSent) return res.destroy();
        fail(res, 'INTERNAL');
      });
    });
  });
  api.delete('/logo', async (req, res) => {
    const result = await configs.change(actor(req), { type: 'logo:put', logo: null });
    if (!result.ok) return res.status(result.status).json(result.refusal);
    res.json({ ok: true, data: { logoUrl: null } });
  });
}

/** GET /media/logo: public, like the boards themselves. */
export function mediaRouter(config: LiveConfig): Router {
  const router = express.Router();
  // The decoded bytes of the current logo, decoded again only when the logo changes.
  let cached: { dataUrl: string; mime: string; bytes: Buffer; etag: string } | null = null;
  router.get('/media/logo', (req, res) => {
    const dataUrl = config.current.center.logo;
    const parsed = dataUrl === null ? null : parseLogoDataUrl(dataUrl);
    if (dataUrl === null || !parsed) return res.status(404).set('Cache-Control', 'no-cache').json(ackError('NOT_FOUND'));
    if (cached?.dataUrl !== dataUrl) {
      const version = logoVersion(dataUrl);
      cached = { dataUrl, mime: parsed.mime, bytes: Buffer.from(parsed.base64, 'base64'), etag: `"${version}"` };
    }
    const version = cached.etag.slice(1, -1);
    // Only the address of the current logo may be kept for good: an old ?v= must ask again.
    res.set({
      'Cache-Control': req.query.v === version ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: cached.etag,
      'X-Content-Type-Options': 'nosniff',
    });
    const known = (req.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (known.includes(cached.etag)) return res.status(304).end();
    res.type(cached.mime).send(cached.bytes);
  });
  return router;
}
