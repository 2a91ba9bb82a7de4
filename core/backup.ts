// The backup bundle: the data folder's own files (configuration, accounts, audit log, days) as one
// JSON document of texts. Checked as a whole before anything is replaced: a bundle that would not
// start a server (bad configuration, no active admin, a day file that is not JSON) is refused.
import { parseStoredConfig } from './config.ts';

export const BACKUP_FORMAT = 'luot-backup';
export const BACKUP_VERSION = 1;
/** Only these names, so a bundle can never write outside the data folder or over other files. */
export const BACKUP_FILE = /^(config\.json|accounts\.json|audit\.jsonl|days\/\d{4}-\d{2}-\d{2}\.(json|journal))$/;

export interface BackupBundle {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: number;
  /** Relative path → file text (all of the data folder's files are UTF-8 text). */
  files: Record<string, string>;
}

/** Null when the bundle may be restored, else why not (Vietnamese, for the refusal's {reason}). */
export function checkBackup(bundle: unknown): string | null {
  if (typeof bundle !== 'object' || bundle === null) return 'không phải tệp sao lưu';
  const b = bundle as Partial<BackupBundle>;
  if (b.format !== BACKUP_FORMAT) return 'không phải tệp sao lưu của Lượt';
  // Shown only when it is a plain value: String() of an object may throw ({ toString: 1 }).
  if (b.version !== BACKUP_VERSION) return `phiên bản ${typeof b.version === 'number' || typeof b.version === 'string' ? String(b.version).slice(0, 20) : '?'} không được hỗ trợ`;
  if (typeof b.files !== 'object' || b.files === null) return 'thiếu danh sách tệp';
  for (const [name, text] of Object.entries(b.files)) {
    if (!BACKUP_FILE.test(name)) return `tên tệp không hợp lệ: ${name.slice(0, 80)}`;
    if (typeof text !== 'string') return `nội dung tệp ${name} không hợp lệ`;
  }
  const config = b.files['config.json'];
  const accounts = b.files['accounts.json'];
  if (config === undefined) return 'thiếu config.json';
  if (accounts === undefined) return 'thiếu accounts.json';
  try {
    parseStoredConfig(JSON.parse(config));
  } catch {
    return 'config.json không hợp lệ';
  }
  try {
    const parsed = JSON.parse(accounts) as { users?: { role?: string; disabled?: boolean }[]; devices?: unknown; sessions?: unknown };
    if (!Array.isArray(parsed.users) || !Array.isArray(parsed.devices) || !Array.isArray(parsed.sessions)) return 'accounts.json không hợp lệ';
    if (!parsed.users.some((u) => u.role === 'admin' && !u.disabled)) return 'accounts.json không có quản trị viên nào đang hoạt động';
  } catch {
    return 'accounts.json không hợp lệ';
  }
  for (const [name, text] of Object.entries(b.files)) {
    if (!name.endsWith('.json') || !name.startsWith('days/')) continue;
    try {
      const state = JSON.parse(text) as { day?: unknown; tickets?: unknown; counters?: unknown };
      if (state.day !== name.slice(5, 15)) return `${name}: ngày không khớp`;
      const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
      if (!isObject(state.tickets) || !isObject(state.counters)) return `${name} không hợp lệ`;
    } catch {
      return `${name} không hợp lệ`;
    }
  }
  return null;
}
