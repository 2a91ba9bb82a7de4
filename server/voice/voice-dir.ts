// Where the voice keeps its files: given by the caller, else next to the lowdb data, else a
// temporary folder (a store without a folder, e.g. a database, still gets a working cache).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDeps } from '../deps.ts';
import { LowdbStore } from '../store/lowdb-store.ts';

export function voiceDirOf(deps: AppDeps): string {
  if (deps.voiceDir) return deps.voiceDir;
  if (deps.store instanceof LowdbStore) return join(deps.store.dataDir, 'voice');
  return join(tmpdir(), `luot-voice-${process.pid}`);
}
