// The counter's transfer and finish pickers: what each lists for what the officer typed, with the
// real catalog search (the same as the kiosk's) on a small catalog.
import { describe, expect, it } from 'vitest';
import { CatalogSearch } from '@core/catalog-search/catalog-search.ts';
import type { CounterRef, ServiceRef } from '@core/views.ts';
import { finishOptions, plain, transferOptions } from '../../counter/src/pick-options.ts';

const services: ServiceRef[] = [
  { code: 'DATDAI', departmentCode: 'STNMT', nameVi: 'Đất đai', nameEn: 'Land', prefix: 'A', targetWaitMin: 30 },
  { code: 'HOTICH', departmentCode: 'STP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'B', targetWaitMin: 30 },
  { code: 'LLTP', departmentCode: 'STP', nameVi: 'Lý lịch tư pháp', nameEn: 'Judicial records', prefix: 'C', targetWaitMin: 30 },
];
const counter = (number: number, svc: string[]): CounterRef => ({ number, nameVi: `Quầy số ${number}`, nameEn: `Counter ${number}`, zone: 'T1', services: svc, status: 'open', usual: false });
const counters = [counter(1, ['DATDAI']), counter(2, ['HOTICH']), counter(12, ['LLTP'])];
const search = new CatalogSearch({
  departments: [{ code: 'STNMT', nameVi: 'Sở Tài nguyên và Môi trường', nameEn: 'Environment' }, { code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Justice' }],
  services,
  procedures: [
    { code: 'HT.01', name: 'Đăng ký khai sinh', serviceCode: 'HOTICH' },
    { code: 'HT.02', name: 'Đăng ký kết hôn', serviceCode: 'HOTICH' },
    { code: 'DD.01', name: 'Đăng ký biến động đất đai khi khai sinh thửa mới', serviceCode: 'DATDAI' },
    { code: 'LL.01', name: 'Cấp Phiếu lý lịch tư pháp', serviceCode: 'LLTP' },
  ],
  synonyms: [{ terms: ['giấy khai sinh'], expansion: 'khai sinh', targets: [] }],
});
const from = { service: 'DATDAI', counter: 1 };

describe('transfer picker', () => {
  it('blank: every other service, then every other counter; never the ticket\'s own service or this counter', () => {
    expect(transferOptions('', null, services, counters, from).map((o) => o.value)).toEqual(['s:HOTICH', 's:LLTP', 'c:2', 'c:12']);
    expect(transferOptions('  ', [], services, counters, from).map((o) => o.value)).toEqual(['s:HOTICH', 's:LLTP', 'c:2', 'c:12']);
  });

  it('a procedure\'s words lead to its service, best first; a hit of the ticket\'s own service is left out', () => {
    const hits = search.search('giay khai sinh', { limit: 24 });
    expect(hits.some((h) => h.serviceCode === 'DATDAI')).toBe(true);
    const out = transferOptions('giay khai sinh', hits, services, counters, from);
    expect(out[0]).toMatchObject({ value: 's:HOTICH', kind: 'procedure', code: 'HT.01' });
    expect(out.every((o) => o.value !== 's:DATDAI')).toBe(true);
  });

  it('a counter number puts that counter first; a name without accents finds a service when the index is not ready', () => {
    expect(transferOptions('12', search.search('12', { limit: 24 }), services, counters, from)[0]!.value).toBe('c:12');
    expect(transferOptions('quay 2', [], services, counters, from).map((o) => o.value)).toEqual(['c:2']);
    expect(transferOptions('quầy số 1', [], services, counters, from)).toEqual([]); // this counter
    expect(transferOptions('ly lich', null, services, counters, from).map((o) => o.value)).toEqual(['s:LLTP']);
    expect(transferOptions('b', null, services, counters, from).map((o) => o.value)).toEqual(['s:HOTICH']);
    expect(transferOptions('zzz', null, services, counters, from)).toEqual([]);
  });

  it('plain() folds Vietnamese for comparison', () => {
    expect(plain('  Quầy SỐ   Đất đai ')).toBe('quay so dat dai');
  });
});

describe('finish picker', () => {
  const find = (q: string, only: ReadonlySet<string> | null) => search.search(q, { kind: 'procedure', limit: 8, ...(only ? { services: only } : {}) });
  const known = (code: string) => ['HT.01', 'HT.02', 'DD.01', 'LL.01'].includes(code);

  it('procedures of the ticket\'s service first, then the others; only procedures', () => {
    const out = finishOptions('khai sinh', find, known, 'DATDAI');
    expect(out.map((o) => o.value)).toEqual(['DD.01', 'HT.01']);
    expect(finishOptions('khai sinh', find, known, 'HOTICH').map((o) => o.value)).toEqual(['HT.01', 'DD.01']);
    expect(finishOptions('ho tich', find, known, 'HOTICH').every((o) => o.kind === 'procedure')).toBe(true);
  });

  it('nothing for a blank field or one that already holds a known code; the limit holds', () => {
    expect(finishOptions('', find, known, 'HOTICH')).toEqual([]);
    expect(finishOptions('HT.02', find, known, 'HOTICH')).toEqual([]);
    expect(finishOptions('dang ky', find, known, 'HOTICH', 1)).toHaveLength(1);
  });
});
