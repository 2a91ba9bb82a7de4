// The kiosk's search over the demo center's real catalogue (66 services): accents optional,
// codes and ticket prefixes work, department names find their services.
import { describe, expect, it } from 'vitest';
import { CenterConfigSchema } from '@core/config.ts';
import { foldVietnamese, searchServices } from '@core/search.ts';
import { demoCenterConfig } from '../../server/seed/demo-center.ts';

const config = CenterConfigSchema.parse(demoCenterConfig());
const departments = new Map(config.departments.map((d) => [d.code, d]));
const items = config.services.map((s) => ({
  ...s, departmentNameVi: departments.get(s.departmentCode)!.nameVi, departmentNameEn: departments.get(s.departmentCode)!.nameEn,
}));
const names = (query: string) => searchServices(items, query).map((s) => s.nameVi);
const codes = (query: string) => searchServices(items, query).map((s) => s.code);

describe('foldVietnamese', () => {
  it('drops tone marks and other diacritics, đ becomes d, case and spacing do not matter', () => {
    expect(foldVietnamese('Đất đai')).toBe('dat dai');
    expect(foldVietnamese('  HỘ   TỊCH ')).toBe('ho tich');
    expect(foldVietnamese('Người có công với cách mạng')).toBe('nguoi co cong voi cach mang');
    // Decomposed input (base letter + combining marks) folds the same as precomposed.
    expect(foldVietnamese('Đất đai'.normalize('NFD'))).toBe('dat dai');
  });
});

describe('searchServices', () => {
  it('"dat dai" finds Đất đai first, with or without accents and in any case', () => {
    for (const q of ['dat dai', 'Đất đai', 'DAT DAI', 'đất   đai', 'Đất đai'.normalize('NFD')]) {
      expect(names(q)[0]).toBe('Đất đai');
    }
  });

  it('matches word beginnings as the citizen types', () => {
    expect(names('dat d')).toContain('Đất đai');
    expect(names('ho ti')[0]).toBe('Hộ tịch');
    expect(names('ly lich')).toEqual(['Lý lịch tư pháp']);
  });

  it('matches whole-word beginnings only, and nothing for letters that begin no word', () => {
    expect(names('dai')).toContain('Đất đai');
    expect(names('ai')).not.toContain('Đất đai'); // "ai" is inside "đai", not its beginning
    expect(names('xyzq')).toEqual([]);
    expect(names('')).toEqual([]);
    expect(names('   ')).toEqual([]);
  });

  it('finds a service by its code, its code suffix, or its ticket prefix', () => {
    expect(codes('SNNMT.DD')).toEqual(['SNNMT.DD']);
    expect(codes('snnmt.dd')).toEqual(['SNNMT.DD']);
    expect(codes('LLTP')[0]).toBe('STP.LLTP');
    const byPrefix = codes('A');
    expect(byPrefix[0]).toBe('SNNMT.DD'); // ticket prefix A ranks before words starting with "a"
  });

  it('a department name lists its services; English names work too', () => {
    const justice = codes('tu phap');
    expect(justice).toEqual(expect.arrayContaining(['STP.HT', 'STP.LLTP', 'STP.CC', 'STP.QT']));
    expect(names('land')[0]).toBe('Đất đai');
    expect(names('civil status')[0]).toBe('Hộ tịch');
  });

  it('services named by the words rank before services only their department matches', () => {
    const result = names('tu phap');
    expect(result[0]).toBe('Lý lịch tư pháp');
  });
});
