// What a voice pack must contain for a configuration, checking a pack against it, and making the
// default pack with a TTS engine at first start. Generation only adds missing clips: a clip a
// person recorded in its place is never overwritten.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Phrase } from '@core/announcement.ts';
import { buildPhrase, DEFAULT_RECALL_TEMPLATE, DEFAULT_TEMPLATE, LETTER_NAMES } from '@core/announcement.ts';
import type { NumberVariant } from '@core/vietnamese-numbers.ts';
import { allNumberWords, readNumber } from '@core/vietnamese-numbers.ts';
import { VoiceSetupError } from './engine.ts';
import type { Pcm } from './wav.ts';
import { encodeWav, trimSilence } from './wav.ts';
import type { ClipRef, VoicePack } from './voice-pack.ts';
import { clipKey, clipPath, planPhrase } from './voice-pack.ts';

export interface PackNeeds {
  templates: string[];
  variant: NumberVariant;
  /** Ticket prefixes in use, e.g. ["A", "CG"]. */
  prefixes: string[];
  counters: number[];
}

/** Words every ticket number up to 9,999 and every counter up to 999 can need. */
function numberWordsNeeded(variant: NumberVariant): string[] {
  return allNumberWords(variant).filter((w) => w !== 'triệu' && w !== 'tỷ');
}

/** One phrase per template and prefix: what the pack is checked with. */
function probePhrases(needs: PackNeeds): Phrase[] {
  const prefixes = needs.prefixes.length > 0 ? needs.prefixes : ['A'];
  return needs.templates.flatMap((t) => prefixes.map((p) => buildPhrase(t, { number: `${p}-025`, counter: needs.counters[0] ?? 1 }, needs.variant)));
}

/** Every problem that keeps a pack from saying every call of this configuration. */
export function packProblems(pack: VoicePack, needs: PackNeeds): string[] {
  const missing = new Set<string>();
  const want = (ref: ClipRef) => { if (!pack.has(ref)) missing.add(`${ref.folder}/${ref.name}.wav`); };
  for (const w of numberWordsNeeded(needs.variant)) want({ folder: 'words', name: clipKey(w) });
  for (const phrase of probePhrases(needs)) {
    for (const step of planPhrase(phrase, (r) => pack.has(r))) if (step !== 'pause') want(step);
  }
  return missing.size > 0 ? [`bộ giọng ${pack.dir} thiếu tệp: ${[...missing].join(', ')}`] : [];
}

export function checkPack(pack: VoicePack, needs: PackNeeds): void {
  const problems = packProblems(pack, needs);
  if (problems.length > 0) throw new VoiceSetupError(problems.join('; '));
}

/** The clips of the default pack, each with the text a TTS engine says for it. */
export function defaultPackContents(needs: PackNeeds): { ref: ClipRef; text: string }[] {
  const items = new Map<string, { ref: ClipRef; text: string }>();
  const add = (ref: ClipRef, text: string) => items.set(`${ref.folder}/${ref.name}`, { ref, text });
  for (const w of new Set([...allNumberWords('north'), ...allNumberWords('south')])) add({ folder: 'words', name: clipKey(w) }, w);
  for (const [letter, name] of Object.entries(LETTER_NAMES)) add({ folder: 'letters', name: letter }, name);
  for (const n of needs.counters) add({ folder: 'counters', name: String(n) }, readNumber(n, needs.variant));
  for (const template of new Set([...needs.templates, DEFAULT_TEMPLATE, DEFAULT_RECALL_TEMPLATE])) {
    for (const part of buildPhrase(template, { number: 'A-001', counter: 1 }, needs.variant).parts) {
      if (part.kind === 'text') add({ folder: 'phrases', name: clipKey(part.text) }, part.text);
    }
  }
  return [...items.values()];
}

const README = `Bộ giọng đọc gọi số của Lượt / Lượt voice pack

Mỗi tệp WAV là một đoạn được ghép lại thành lời gọi số. Bộ mặc định được tạo bằng espeak-ng
ở lần khởi động đầu; có thể thay từng tệp bằng giọng người thu âm (giữ nguyên tên tệp), rồi
khởi động lại máy chủ. Tệp thiếu sẽ được tạo lại; tệp đã có không bao giờ bị ghi đè.

  phrases/  câu chữ của mẫu câu, ví dụ "xin mời công dân có số thứ tự.wav"
  words/    từng từ đọc số: không, một, …, mười, mươi, mốt, tư, lăm, trăm, linh, lẻ, nghìn, ngàn
  letters/  chữ cái của tiền tố số thứ tự: A.wav ("a"), B.wav ("bê"), D.wav ("đê"), G.wav ("giê")…
  counters/ (tuỳ chọn) số quầy đọc liền, ví dụ 12.wav ("mười hai")

WAV bất kỳ (PCM 8/16/24/32 bit hoặc float, mono hoặc stereo, tần số bất kỳ) đều dùng được;
khoảng lặng đầu và cuối mỗi tệp được cắt bớt khi ghép.

Each WAV is one piece of the announcement. The default pack is made with espeak-ng at first
start; replace any file with a human recording (same name) and restart the server. Missing files
are generated again; existing files are never overwritten.
`;

async function writeAtomically(path: string, data: Buffer | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** Adds the clips the pack lacks, said by `say`. Returns how many files were written. */
export async function generateMissingClips(
  dir: string, needs: PackNeeds, say: (text: string) => Promise<Pcm>,
): Promise<number> {
  let written = 0;
  for (const { ref, text } of defaultPackContents(needs)) {
    const path = clipPath(dir, ref);
    if (existsSync(path)) continue;
    await writeAtomically(path, encodeWav(trimSilence(await say(text))));
    written++;
  }
  const readme = `${dir}/README.txt`;
  if (!existsSync(readme)) await writeAtomically(readme, README);
  return written;
}
