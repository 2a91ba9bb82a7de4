// The announcement phrase (pure) and the voice/display configuration sections.
import { describe, expect, it } from 'vitest';
import { buildPhrase, DEFAULT_RECALL_TEMPLATE, DEFAULT_TEMPLATE, LETTER_NAMES, templateProblems } from '@core/announcement.ts';
import { CenterConfigSchema, parseStoredConfig } from '@core/config.ts';
import type { CenterConfigInput } from '@core/config.ts';
import { displaySettings } from '@core/lobby-views.ts';
import { indexConfig } from '@core/config.ts';
import { testCenterConfig } from '../helpers/center.ts';

const base = (): CenterConfigInput => JSON.parse(JSON.stringify(testCenterConfig())) as CenterConfigInput;

describe('announcement phrase', () => {
  it('says the DESIGN.md example word for word, and shows the number as printed', () => {
    const p = buildPhrase(DEFAULT_TEMPLATE, { number: 'A-025', counter: 3 }, 'north');
    expect(p.spoken).toBe('Xin mời công dân có số thứ tự a, không trăm hai mươi lăm, đến quầy số ba');
    expect(p.shown).toBe('Xin mời công dân có số thứ tự A-025 đến quầy số 3');
  });

  it('reads two-letter prefixes letter by letter and follows the variant', () => {
    const p = buildPhrase(DEFAULT_RECALL_TEMPLATE, { number: 'CG-105', counter: 21 }, 'south');
    expect(p.spoken).toBe('Xin nhắc lại, xin mời công dân có số thứ tự xê giê, một trăm lẻ năm, đến quầy số hai mươi mốt');
    expect(buildPhrase(DEFAULT_TEMPLATE, { number: 'D-1005', counter: 14 }, 'north').spoken)
      .toBe('Xin mời công dân có số thứ tự đê, một nghìn không trăm linh năm, đến quầy số mười bốn');
  });

  it('gives the parts in order for a voice pack', () => {
    const p = buildPhrase('{counter} mời {number}', { number: 'B-001', counter: 5 }, 'north');
    expect(p.parts).toEqual([
      { kind: 'counter', counter: 5, words: ['năm'] },
      { kind: 'text', text: 'mời' },
      { kind: 'letter', letter: 'B', name: 'bê' },
      { kind: 'pause' },
      { kind: 'number', words: ['không', 'trăm', 'linh', 'một'] },
    ]);
  });

  it('names every letter distinctly, so no two one-letter prefixes sound alike', () => {
    const names = Object.values(LETTER_NAMES);
    expect(Object.keys(LETTER_NAMES)).toHaveLength(26);
    expect(new Set(names).size).toBe(names.length);
    expect(LETTER_NAMES.D).not.toBe('dê'); // "dê" and "giê" are the same sound in the North
  });

  it('finds what is wrong with a template', () => {
    expect(templateProblems(DEFAULT_TEMPLATE)).toEqual([]);
    expect(templateProblems('Mời số {number} đến {quay}')[0]).toContain('{quay}');
    expect(templateProblems('Mời số {number đến quầy')).toContain('dấu ngoặc { } không khớp');
    expect(templateProblems('Mời đến quầy {counter}')).toContain('mẫu câu phải có {number} (số thứ tự)');
    expect(() => buildPhrase('Mời {so}', { number: 'A-001', counter: 1 }, 'north')).toThrow(/mẫu câu không hợp lệ/);
  });
});

describe('voice and display configuration', () => {
  it('is optional and defaulted', () => {
    const cfg = CenterConfigSchema.parse(base());
    expect(cfg.voice).toEqual({
      engine: 'auto', variant: 'north', template: DEFAULT_TEMPLATE, recallTemplate: DEFAULT_RECALL_TEMPLATE,
      numberStyle: 'full', repeat: 2, chime: true, chimeLevel: 60, staleAfterSec: 60, rate: 135, osVoice: null, packDir: null,
    });
    expect(cfg.display).toEqual({ notice: '', theme: 'dark', highlightSec: 8 });
  });

  it('refuses a template with an unknown placeholder at configuration time', () => {
    const result = CenterConfigSchema.safeParse({ ...base(), voice: { template: 'Mời số {number} đến quầy {quay}' } });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual(['voice', 'template']);
    expect(issue.message).toContain('{quay}');
  });

  it('refuses other bad settings: repeat 3, an unknown engine, a voice name with a quote', () => {
    for (const voice of [{ repeat: 3 }, { engine: 'festival' }, { osVoice: "An'; rm" }, { numberStyle: 'long' }, { chimeLevel: 150 }, { staleAfterSec: 5 }]) {
      expect(CenterConfigSchema.safeParse({ ...base(), voice }).success, JSON.stringify(voice)).toBe(false);
    }
  });

  it('a stored configuration with a bad voice section still starts, with the problems named', () => {
    const stored = { ...base(), voice: { template: 'Mời {so}', engine: 'espeak-ng' } };
    const { config, setAside } = parseStoredConfig(stored);
    expect(config.voice.template).toBe(DEFAULT_TEMPLATE);
    expect(setAside).toHaveLength(1);
    expect(setAside[0]!.section).toBe('voice');
    expect(setAside[0]!.problems.join(' ')).toContain('{so}');
  });

  it('any other mistake still refuses the configuration', () => {
    const stored = { ...base(), voice: { template: 'Mời {so}' }, counters: [] };
    expect(() => parseStoredConfig(stored)).toThrow();
  });

  it('gives a zone board the services of its counters only', () => {
    const index = indexConfig(CenterConfigSchema.parse({ ...base(), display: { notice: '  Giờ làm việc: 7h30–17h  ' } }));
    const t1 = displaySettings(index, 'T1', 1);
    expect(t1.services.map((s) => s.prefix)).toEqual(['A', 'B']);
    expect(t1.notice).toBe('Giờ làm việc: 7h30–17h');
    expect(displaySettings(index, null, 1).services.map((s) => s.prefix).sort()).toEqual(['A', 'B', 'C', 'W']);
  });
});
