import { describe, it, expect } from 'vitest';
import { CenterConfigSchema } from '../../core/config.ts';
import { demoCenterConfig, demoManagers, demoOfficers } from '../../server/seed/demo-center.ts';

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('demo center', () => {
  const parsed = CenterConfigSchema.safeParse(demoCenterConfig());

  it('is a valid center configuration', () => {
    if (!parsed.success) console.error(JSON.stringify(parsed.error.issues, null, 2));
    expect(parsed.success).toBe(true);
  });

  it('has at least 20 departments, 3 of them central agencies', () => {
    const cfg = CenterConfigSchema.parse(demoCenterConfig());
    expect(cfg.departments.length).toBeGreaterThanOrEqual(20);
    expect(cfg.departments.filter((d) => d.kind === 'central').length).toBeGreaterThanOrEqual(3);
  });

  it('has exactly 30 counters numbered 1..30', () => {
    const cfg = CenterConfigSchema.parse(demoCenterConfig());
    expect(cfg.counters.map((c) => c.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('serves every service at some counter', () => {
    const cfg = CenterConfigSchema.parse(demoCenterConfig());
    const served = new Set(cfg.counters.flatMap((c) => c.services.map((s) => s.serviceCode)));
    expect(cfg.services.map((s) => s.code).filter((code) => !served.has(code))).toEqual([]);
  });

  it('gives every service a unique ticket prefix', () => {
    const prefixes = CenterConfigSchema.parse(demoCenterConfig()).services.map((s) => s.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('keeps all text NFC-normalised', () => {
    const all = strings([demoCenterConfig(), demoOfficers(), demoManagers()]);
    expect(all.filter((s) => s !== s.normalize('NFC'))).toEqual([]);
  });

  it('has one officer per counter with unique usernames', () => {
    const officers = demoOfficers();
    expect(officers).toHaveLength(30);
    expect(new Set(officers.map((o) => o.username)).size).toBe(30);
    expect(officers.map((o) => o.counter).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(demoManagers()).toHaveLength(1);
  });
});
