// The server's secret for bookings: the key of the ID-number hash (HMAC-SHA256), made once at the
// first start and kept next to the data, readable only by its owner. A copied booking log without
// this key cannot be matched against a list of ID numbers by hashing them.
import { createHmac, randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CODE_ALPHABET } from '@core/booking/codes.ts';
import { cccdDigits } from '@core/booking/cccd.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';

export interface IdKey {
  /** Keyed hash of a CCCD number (digits only). */
  hashId(cccd: string): string;
  /** A short tag of this center, put in its booking QR codes, so a scan of another center's code is told apart. */
  centerTag: string;
}

export async function loadIdKey(dir: string): Promise<IdKey> {
  const path = join(dir, 'id-hash.key');
  let key: Buffer;
  try {
    key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
    if (key.length < 32) throw new Error(`${path}: key too short`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    key = randomBytes(32);
    await writeFileDurably(path, key.toString('base64url') + '\n');
    await chmod(path, 0o600);
  }
  return idKeyFrom(key);
}

export function idKeyFrom(key: Buffer): IdKey {
  const tagBytes = createHmac('sha256', key).update('center-tag').digest();
  return {
    hashId: (cccd) => createHmac('sha256', key).update(`cccd:${cccdDigits(cccd)}`).digest('base64url'),
    centerTag: Array.from(tagBytes.subarray(0, 4), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join(''),
  };
}
