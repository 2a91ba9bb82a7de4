// The demo center's procedure catalog and synonym dictionary, read from the data files next to
// this module (procedures.csv: 1,100+ procedures in the national database's phrasing, each under a
// service of the demo; synonyms.txt: everyday words and abbreviations). Both go through the same
// parsers as an admin's import, so a mistake in them fails the demo's tests with its line.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CenterConfig } from '@core/config.ts';
import type { Procedure } from '@core/procedures.ts';
import { parseProceduresCsv } from '@core/procedures.ts';
import type { SynonymEntry } from '@core/catalog-search/synonyms.ts';
import { parseSynonymsText } from '@core/catalog-search/synonyms.ts';

const file = (name: string) => readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8');

const problems = (what: string, list: { line: number; message: string }[]) =>
  new Error(`${what}: ${list.slice(0, 10).map((p) => `dòng ${p.line}: ${p.message}`).join('; ')}`);

/** The demo's procedures, checked against the demo's services and departments. */
export function demoProcedures(config: Pick<CenterConfig, 'services' | 'departments'>): Procedure[] {
  const parsed = parseProceduresCsv(file('./procedures.csv'), {
    services: new Set(config.services.map((s) => s.code)),
    departments: new Set(config.departments.map((d) => d.code)),
  });
  if (!parsed.ok) throw problems('procedures.csv', parsed.problems);
  return parsed.procedures;
}

/** The shipped dictionary; targets that name nothing in `codes` are dropped (a real center's first start). */
export function shippedSynonyms(codes: ReadonlySet<string>): SynonymEntry[] {
  const parsed = parseSynonymsText(file('./synonyms.txt'), null);
  if (!parsed.ok) throw problems('synonyms.txt', parsed.problems);
  return parsed.entries
    .map((e) => ({ ...e, targets: e.targets.filter((t) => codes.has(t)) }))
    .filter((e) => e.expansion !== '' || e.targets.length > 0 || e.terms.length > 0);
}
