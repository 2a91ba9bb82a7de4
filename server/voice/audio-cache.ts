// Announcement WAVs on disk, named by a hash of everything that shapes their sound, so the same
// call said the same way is made once and served to every board (and survives a restart).
// Bounded: past `maxFiles` the oldest files go. It is a cache, so writes are not fsynced; a file
// appears under its name only when complete (written aside, then renamed).
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const KEY_PATTERN = /^[a-f0-9]{32}$/;

export function cacheKey(parts: readonly (string | number | boolean)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

export class AudioCache {
  /** Keys in age order, oldest first; mirrors the folder. */
  private readonly order: string[] = [];
  private readonly known = new Set<string>();

  private constructor(readonly dir: string, private readonly maxFiles: number) {}

  static async open(dir: string, maxFiles = 400): Promise<AudioCache> {
    const cache = new AudioCache(dir, maxFiles);
    await mkdir(dir, { recursive: true });
    const found: { key: string; mtime: number }[] = [];
    for (const name of await readdir(dir)) {
      const key = name.slice(0, -4);
      if (name.endsWith('.wav') && KEY_PATTERN.test(key)) {
        found.push({ key, mtime: (await stat(join(dir, name))).mtimeMs });
      } else if (name.includes('.tmp-')) {
        await rm(join(dir, name), { force: true }); // left by a crash mid-write
      }
    }
    for (const f of found.sort((a, b) => a.mtime - b.mtime)) cache.remember(f.key);
    await cache.prune();
    return cache;
  }

  path(key: string): string {
    return join(this.dir, `${key}.wav`);
  }

  has(key: string): boolean {
    return this.known.has(key);
  }

  get size(): number {
    return this.known.size;
  }

  async put(key: string, wav: Buffer): Promise<void> {
    await this.putWith(key, (tmp) => writeFile(tmp, wav));
  }

  /** Like put, the bytes written to the temporary path by `write` (e.g. by the voice's worker process). */
  async putWith(key: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const tmp = `${this.path(key)}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      await write(tmp);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    await rename(tmp, this.path(key));
    this.remember(key);
    await this.prune();
  }

  private remember(key: string): void {
    if (this.known.has(key)) return;
    this.known.add(key);
    this.order.push(key);
  }

  private async prune(): Promise<void> {
    while (this.order.length > this.maxFiles) {
      const old = this.order.shift()!;
      this.known.delete(old);
      await rm(this.path(old), { force: true });
    }
  }
}
