// The demo center's shipped catalog and dictionary: big enough to be realistic, consistent with the
// demo's services, small enough to commit.
import { statSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSynonymsText } from '@core/catalog-search/synonyms.ts';
import { demoSearchCatalog } from './evaluate.ts';

const { config, procedures } = demoSearchCatalog();
const dataFile = (name: string) => new URL(`../../server/seed/catalog/${name}`, import.meta.url);

describe('demo procedure catalog', () => {
  it('has at least 1,000 procedures with unique codes and names, each under a service of its department', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(procedures.map((p) => p.code)).size).toBe(procedures.length);
    expect(new Set(procedures.map((p) => p.name)).size).toBe(procedures.length);
    const services = new Map(config.services.map((s) => [s.code, s]));
    for (const p of procedures) expect(services.get(p.serviceCode)?.departmentCode).toBe(p.departmentCode);
  });

  it('every service of the demo has procedures, the big fields many', () => {
    const count = new Map<string, number>();
    for (const p of procedures) count.set(p.serviceCode, (count.get(p.serviceCode) ?? 0) + 1);
    for (const s of config.services) expect(count.get(s.code) ?? 0, s.code).toBeGreaterThan(0);
    for (const big of ['SNNMT.DD', 'STP.HT', 'STC.DN', 'CA.XNC', 'BHXH.THU', 'SYT.KCB']) expect(count.get(big)!).toBeGreaterThanOrEqual(18);
  });

  it('each data file is under 1 MB; the dictionary parses and names only codes of the demo', () => {
    for (const f of ['procedures.csv', 'synonyms.txt']) expect(statSync(dataFile(f)).size).toBeLessThan(1024 * 1024);
    const known = new Set([...procedures.map((p) => p.code), ...config.services.map((s) => s.code)]);
    const parsed = parseSynonymsText(readFileSync(dataFile('synonyms.txt'), 'utf8'), known);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });
});
