import { describe, it, expect } from 'vitest';
import { isValidDossierCode, normalizeDossierCode } from '../../core/dossier.ts';
import { Sim, actor } from './fixture.ts';

describe('dossier codes', () => {
  it('accepts the national shape', () => {
    expect(isValidDossierCode('000.00.12.H36-241125-0001')).toBe(true);
    expect(isValidDossierCode('000.00.12.H36-241231-000123')).toBe(true);
    expect(isValidDossierCode('G22.39.01.H36-260101-9999')).toBe(true);
  });

  it('normalises case and surrounding spaces', () => {
    expect(normalizeDossierCode('  000.00.12.h36-241125-0001 ')).toBe('000.00.12.H36-241125-0001');
    expect(isValidDossierCode('000.00.12.h36-241125-0001')).toBe(true);
  });

  it('refuses impossible months and days', () => {
    expect(isValidDossierCode('000.00.12.H36-241325-0001')).toBe(false); // month 13
    expect(isValidDossierCode('000.00.12.H36-240025-0001')).toBe(false); // month 0
    expect(isValidDossierCode('000.00.12.H36-241100-0001')).toBe(false); // day 0
    expect(isValidDossierCode('000.00.12.H36-241132-0001')).toBe(false); // day 32
  });

  it('refuses wrong shapes', () => {
    for (const bad of [
      '', 'abc', '000.00.12.H36', '000.00.12.H36-241125', '000.00.12-241125-0001',
      '00.00.12.H36-241125-0001', '000.00.12.36H-241125-0001', '000.00.12.H36-24112-0001',
      '000.00.12.H36-241125-001', '000.00.12.H36-241125-0000001', '000.00.12.H36_241125_0001',
      '000.00.12.H36-241125-0001x', 'x000.00.12.H36-241125-0001', '000.00.12.H36 -241125-0001',
    ]) {
      expect(isValidDossierCode(bad), bad).toBe(false);
    }
  });
});

describe('finish with dossier codes', () => {
  function served() {
    const s = new Sim();
    s.open(1);
    const t = s.issue('HOTICH');
    s.callNext(1);
    return { s, t };
  }

  it('stores codes normalised and deduplicated', () => {
    const { s, t } = served();
    s.do({
      type: 'finish', ...actor(1), procedureCode: '1.001234', note: '',
      dossierCodes: ['000.00.12.h36-241125-0001', ' 000.00.12.H36-241125-0001', '000.00.12.H36-241125-0002'],
    });
    expect(s.ticket(t.id).dossierCodes).toEqual(['000.00.12.H36-241125-0001', '000.00.12.H36-241125-0002']);
    expect(s.ticket(t.id).procedureCode).toBe('1.001234');
  });

  it('refuses a malformed code, naming it, and changes nothing', () => {
    const { s } = served();
    const before = s.state;
    const r = s.try({ type: 'finish', ...actor(1), procedureCode: null, note: '', dossierCodes: ['000.00.12.H36-241125-0001', '000.00.12.H36-241325-0001'] });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_DOSSIER_CODE', params: { code: '000.00.12.H36-241325-0001' } });
    expect(s.state).toBe(before);
  });
});
