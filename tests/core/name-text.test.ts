// Names and zones: one rule (core/name-text.ts) used by every name field a person types.
import { describe, expect, it } from 'vitest';
import { CounterConfigSchema, DepartmentSchema, parseStoredConfig, PriorityCategorySchema, ServiceSchema } from '@core/config.ts';
import { AdminCreateUserBodySchema, CreateDeviceBodySchema } from '@core/protocol.ts';
import { nameProblem, repairName, UNNAMED } from '@core/name-text.ts';
import { testCenterConfig } from '../helpers/center.ts';

const BAD: [string, string][] = [
  ['NUL', 'Quầy\u00001'],
  ['a line break', 'Quầy\n1'],
  ['a lone high surrogate', 'Quầy \uD800'],
  ['a lone low surrogate', '\uDC00 Quầy'],
  ['a right-to-left override', 'Quầy \u202E1 số'],
  ['a bidi isolate', '\u2067Hộ tịch\u2069'],
  ['spaces only', '   '],
  ['no-break and ideographic spaces only', '\u00A0\u3000'],
  ['zero-width characters only', '\u200B\u200D\uFEFF'],
];
const GOOD = ['Quầy 1', 'Đất đai', 'Tầng 1 — Khu A', 'Hộ tịch (khai sinh, kết hôn)', '👵 Người cao tuổi', 'Zone T1'];

describe('nameProblem', () => {
  it.each(BAD)('refuses %s', (_what, s) => {
    expect(nameProblem(s)).toMatch(/[ạảãáàâăđêôơưốộ]/);
  });
  it('accepts ordinary Vietnamese names, emoji (whole surrogate pairs) included', () => {
    for (const s of GOOD) expect(nameProblem(s), s).toBeNull();
  });
});

describe('every name field uses it', () => {
  const service = { code: 'DATDAI', departmentCode: 'TNMT', nameVi: 'Đất đai', nameEn: 'Land', prefix: 'A' };
  const counter = { number: 1, nameVi: 'Quầy 1', nameEn: 'Counter 1', zone: 'T1', services: [{ serviceCode: 'DATDAI' }] };
  const cases: [string, (bad: string) => { success: boolean }][] = [
    ['service nameVi', (bad) => ServiceSchema.safeParse({ ...service, nameVi: bad })],
    ['service nameEn', (bad) => ServiceSchema.safeParse({ ...service, nameEn: bad })],
    ['department nameVi', (bad) => DepartmentSchema.safeParse({ code: 'TNMT', nameVi: bad, nameEn: 'x' })],
    ['counter nameVi', (bad) => CounterConfigSchema.safeParse({ ...counter, nameVi: bad })],
    ['counter zone', (bad) => CounterConfigSchema.safeParse({ ...counter, zone: bad })],
    ['priority category', (bad) => PriorityCategorySchema.safeParse({ code: 'elderly', nameVi: bad, nameEn: 'Elderly' })],
    ['device name', (bad) => CreateDeviceBodySchema.safeParse({ kind: 'display', name: bad })],
    ['device zone', (bad) => CreateDeviceBodySchema.safeParse({ kind: 'display', name: 'Màn hình 1', zone: bad })],
    ['user display name', (bad) => AdminCreateUserBodySchema.safeParse({ username: 'canbo9', displayName: bad, role: 'officer', password: 'mat-khau-dai' })],
  ];
  it.each(cases)('%s', (_field, parse) => {
    for (const [what, bad] of BAD) expect(parse(bad).success, what).toBe(false);
    expect(parse('Tên hợp lệ').success).toBe(true);
  });
});

describe('a stored configuration from before the rule', () => {
  it('repairName removes control, lone-surrogate and bidi characters and names a blank one', () => {
    expect(repairName('Quầy \u202E1 số')).toBe('Quầy 1 số');
    expect(repairName('\u2067Hộ tịch\u2069')).toBe('Hộ tịch');
    expect(repairName('Quầy\u00001\n')).toBe('Quầy1');
    expect(repairName('Quầy \uD800')).toBe('Quầy');
    expect(repairName('   ')).toBe(UNNAMED);
    expect(repairName('\u200B\u202E')).toBe(UNNAMED);
    for (const [, s] of BAD) expect(nameProblem(repairName(s)), JSON.stringify(s)).toBeNull();
    for (const s of GOOD) expect(repairName(s)).toBe(s);
  });

  it('parseStoredConfig repairs refused names and says which; other mistakes still throw', () => {
    const stored = structuredClone(testCenterConfig()) as unknown as { services: { nameVi: string }[]; counters: { zone: string }[] };
    stored.services[0]!.nameVi = 'Đất \u202Eđai';
    stored.counters[1]!.zone = '   ';
    const { config, repaired } = parseStoredConfig(stored);
    expect(config.services[0]!.nameVi).toBe('Đất đai');
    expect(config.counters[1]!.zone).toBe(UNNAMED);
    expect(repaired.sort()).toEqual(['counters.1.zone', 'services.0.nameVi']);
    expect(parseStoredConfig(testCenterConfig()).repaired).toEqual([]);
    // A mistake that is not a name is not papered over.
    const wrong = structuredClone(stored) as unknown as { services: { prefix: string }[] };
    wrong.services[0]!.prefix = '???';
    expect(() => parseStoredConfig(wrong)).toThrow();
  });
});
