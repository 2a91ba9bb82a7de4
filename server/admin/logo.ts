// An uploaded logo becomes what the configuration keeps: checked (its first bytes, its structure,
// its declared size), decoded with @napi-rs/canvas, scaled down to fit LOGO_BOX in proportion and
// re-encoded as PNG (transparency kept). A photo too detailed to fit MAX_LOGO_DATA_URL at that
// size is tried smaller before it is refused.
import { MAX_LOGO_DATA_URL } from '@core/config.ts';
import type { ErrorCode, Params } from '@core/i18n.ts';
import type { LogoFormat } from '@core/logo.ts';
import { fitWithin, LOGO_BOX, logoDimensions, MAX_LOGO_SOURCE_PIXELS, sniffLogo } from '@core/logo.ts';

export type LogoResult =
  | { ok: true; dataUrl: string; width: number; height: number }
  | { ok: false; code: ErrorCode; params: Params; status: number };

const MIME: Record<LogoFormat, string> = { png: 'image/png', jpeg: 'image/jpeg' };

/** Smaller boxes tried, in turn, when the re-encoded logo is still too large. */
const FALLBACK_SCALES = [1, 0.75, 0.5];

const refuse = (code: ErrorCode, status: number, params: Params = {}): LogoResult => ({ ok: false, code, params, status });

/** `contentType` is the request's media type without parameters (image/png or image/jpeg). */
export async function prepareLogo(bytes: Buffer, contentType: string): Promise<LogoResult> {
  const format = sniffLogo(bytes);
  if (!format) return refuse('LOGO_NOT_IMAGE', 415);
  // A JPEG sent as PNG (or the reverse) is a mistake of the uploader, not a reason to guess.
  if (MIME[format] !== contentType) return refuse('LOGO_UNREADABLE', 400, { format: contentType === 'image/png' ? 'PNG' : 'JPEG' });
  const source = logoDimensions(bytes, format);
  if (!source) return refuse('LOGO_UNREADABLE', 400, { format: format === 'png' ? 'PNG' : 'JPEG' });
  if (source.width * source.height > MAX_LOGO_SOURCE_PIXELS) {
    return refuse('LOGO_TOO_MANY_PIXELS', 400, { width: source.width, height: source.height, max: MAX_LOGO_SOURCE_PIXELS / 1_000_000 });
  }
  // Loaded on the first upload, not at start (the server's main thread draws nothing else).
  const { createCanvas, Image } = await import('@napi-rs/canvas');
  const image = new Image();
  try {
    image.src = bytes;
  } catch {
    return refuse('LOGO_UNREADABLE', 400, { format: format === 'png' ? 'PNG' : 'JPEG' });
  }
  // Only whether it decoded: EXIF orientation may swap the sides the header declares.
  if (!image.complete || image.width === 0 || image.height === 0) {
    return refuse('LOGO_UNREADABLE', 400, { format: format === 'png' ? 'PNG' : 'JPEG' });
  }
  let smallest = Number.POSITIVE_INFINITY;
  for (const scale of FALLBACK_SCALES) {
    const size = fitWithin(source.width, source.height, { width: Math.round(LOGO_BOX.width * scale), height: Math.round(LOGO_BOX.height * scale) });
    const canvas = createCanvas(size.width, size.height);
    const ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image, 0, 0, size.width, size.height);
    const png = await canvas.encode('png');
    const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
    if (dataUrl.length <= MAX_LOGO_DATA_URL) return { ok: true, dataUrl, ...size };
    smallest = Math.min(smallest, dataUrl.length);
  }
  const kb = (n: number) => Math.ceil((n * 3) / 4 / 1024);
  return refuse('LOGO_TOO_DETAILED', 400, { kb: kb(smallest), max: kb(MAX_LOGO_DATA_URL) });
}
