// How the dossier bridge is set up: from the environment (README) or given by tests. A mistake
// here does not stop the queue: push stays off and the manager app shows why.
import type { Text } from '@core/i18n.ts';

export interface ExportSettings {
  /** Where records are POSTed; null = push off. */
  pushUrl: string | null;
  /** Shared secret of the HMAC-SHA256 signature header. */
  hmacSecret: string | null;
  /** Key of the pull API; null = pull off. */
  apiKey: string | null;
  /** A delivery taking longer than this failed (the receiver may still have it: same key again). */
  timeoutMs: number;
  /** First retry after this; doubling up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  pushUrl: null, hmacSecret: null, apiKey: null, timeoutMs: 10_000, backoffBaseMs: 2_000, backoffMaxMs: 300_000,
};

const MIN_SECRET = 16;

/** Settings as they will be used, and what was wrong with the given ones (push off then). */
export function checkExportSettings(given: Partial<ExportSettings>): { settings: ExportSettings; problem: Text | null } {
  const settings: ExportSettings = { ...DEFAULT_EXPORT_SETTINGS, ...given };
  let problem: Text | null = null;
  if (settings.pushUrl !== null) {
    if (!isHttpUrl(settings.pushUrl)) {
      problem = { vi: `EXPORT_PUSH_URL không phải địa chỉ http(s): ${settings.pushUrl}`, en: `EXPORT_PUSH_URL is not an http(s) URL: ${settings.pushUrl}` };
      settings.pushUrl = null;
    } else if (!settings.hmacSecret || settings.hmacSecret.length < MIN_SECRET) {
      problem = { vi: `cần EXPORT_HMAC_SECRET dài ít nhất ${MIN_SECRET} ký tự để ký dữ liệu gửi đi`, en: `EXPORT_HMAC_SECRET of at least ${MIN_SECRET} characters is needed to sign deliveries` };
      settings.pushUrl = null;
    }
  }
  if (settings.apiKey !== null && settings.apiKey.length < MIN_SECRET) {
    problem ??= { vi: `EXPORT_API_KEY phải dài ít nhất ${MIN_SECRET} ký tự`, en: `EXPORT_API_KEY must be at least ${MIN_SECRET} characters` };
    settings.apiKey = null;
  }
  return { settings, problem };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function exportSettingsFromEnv(env: NodeJS.ProcessEnv): Partial<ExportSettings> {
  const ms = (v: string | undefined, fallback: number) => {
    const n = Number(v);
    return v && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    pushUrl: env.EXPORT_PUSH_URL || null,
    hmacSecret: env.EXPORT_HMAC_SECRET || null,
    apiKey: env.EXPORT_API_KEY || null,
    timeoutMs: ms(env.EXPORT_TIMEOUT_MS, DEFAULT_EXPORT_SETTINGS.timeoutMs),
  };
}

/** The receiver's origin only: no path, query or credentials end up on a manager's screen. */
export function targetOf(pushUrl: string | null): string | null {
  if (!pushUrl) return null;
  try {
    return new URL(pushUrl).origin;
  } catch {
    return null;
  }
}
