// API keys of the portal integrations: made by an admin (shown once), stored only as sha256
// hashes in <data>/bookings/api-keys.json (written durably), revocable. A key names its integration,
// which scopes what it may read and cancel and its idempotency references.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomToken } from '../auth/secrets.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';

export interface ApiKeyRecord {
  id: string;
  name: string;
  hash: string;
  createdAt: number;
  revokedAt: number | null;
}

/** An integration as the admin screen lists it (never its key). */
export type ApiKeyView = Omit<ApiKeyRecord, 'hash'>;

const sha = (s: string) => createHash('sha256').update(s).digest();

export class ApiKeys {
  private constructor(private readonly path: string, private records: ApiKeyRecord[]) {}

  static async open(dir: string): Promise<ApiKeys> {
    const path = join(dir, 'api-keys.json');
    let records: ApiKeyRecord[] = [];
    try {
      records = JSON.parse(await readFile(path, 'utf8')) as ApiKeyRecord[];
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return new ApiKeys(path, records);
  }

  list(): ApiKeyView[] {
    return this.records.map(({ hash: _hash, ...view }) => view);
  }

  /** A new key: the whole key is returned this once. */
  async create(name: string, now: number): Promise<{ key: string; view: ApiKeyView }> {
    const id = randomToken(6);
    const key = `luot_${id}_${randomToken(24)}`;
    const record: ApiKeyRecord = { id, name, hash: sha(key).toString('hex'), createdAt: now, revokedAt: null };
    await this.save([...this.records, record]);
    const { hash: _hash, ...view } = record;
    return { key, view };
  }

  async revoke(id: string, now: number): Promise<ApiKeyView | null> {
    const found = this.records.find((r) => r.id === id && r.revokedAt === null);
    if (!found) return null;
    const revoked = { ...found, revokedAt: now };
    await this.save(this.records.map((r) => (r.id === id ? revoked : r)));
    const { hash: _hash, ...view } = revoked;
    return view;
  }

  /** The integration a key belongs to, or null (compared as digests, in constant time). */
  integrationOf(key: string): ApiKeyView | null {
    const given = sha(key);
    for (const r of this.records) {
      if (r.revokedAt === null && timingSafeEqual(given, Buffer.from(r.hash, 'hex'))) {
        const { hash: _hash, ...view } = r;
        return view;
      }
    }
    return null;
  }

  private async save(records: ApiKeyRecord[]): Promise<void> {
    await writeFileDurably(this.path, JSON.stringify(records, null, 1));
    this.records = records;
  }
}
