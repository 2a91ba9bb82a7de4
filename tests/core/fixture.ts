// A small center for the core's unit tests: plain values, no I/O.
//
//   departments  TP (Tư pháp), TNMT (Tài nguyên và Môi trường)
//   services     HOTICH A  (TP)    target wait 20 min
//                CHUNGTHUC B (TP)  daily cap 3
//                DATDAI C (TNMT)   own window 07:30–11:00, target wait 30 min
//                MOITRUONG D (TNMT)
//                CU E (TP)         inactive
//   counters     1: HOTICH×1, CHUNGTHUC×1      2: HOTICH×3, DATDAI×1
//                3: DATDAI×1, MOITRUONG×2      4: MOITRUONG×1
import { expect } from 'vitest';
import type { CenterConfigInput, ConfigIndex } from '../../core/config.ts';
import { CenterConfigSchema, indexConfig } from '../../core/config.ts';
import type { ApplyResult, Command } from '../../core/commands.ts';
import { apply } from '../../core/engine.ts';
import type { CounterState, DayState, Ticket } from '../../core/ticket.ts';
import { emptyDay } from '../../core/ticket.ts';
import { localDay, localInstant } from '../../core/time.ts';
import type { ErrorCode } from '../../core/i18n.ts';
import { mulberry32 } from '../helpers/random.ts';
export { mulberry32 };

export const MIN = 60_000;
/** Monday 2026-11-23, 08:00 in Asia/Ho_Chi_Minh. */
export const MONDAY_0800 = Date.parse('2026-11-23T01:00:00Z');
export const MONDAY = '2026-11-23';
export const HOLIDAY = '2027-01-01';

export function fixtureInput(): CenterConfigInput {
  return {
    center: { nameVi: 'Trung tâm Phục vụ hành chính công tỉnh Thử nghiệm', nameEn: 'Test PAC', holidays: [HOLIDAY] },
    departments: [
      { code: 'TP', nameVi: 'Sở Tư pháp', nameEn: 'Department of Justice' },
      { code: 'TNMT', nameVi: 'Sở Tài nguyên và Môi trường', nameEn: 'Department of Natural Resources' },
    ],
    services: [
      { code: 'HOTICH', departmentCode: 'TP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'A', targetWaitMin: 20, defaultServiceMin: 10 },
      { code: 'CHUNGTHUC', departmentCode: 'TP', nameVi: 'Chứng thực', nameEn: 'Certification', prefix: 'B', dailyCap: 3 },
      {
        code: 'DATDAI', departmentCode: 'TNMT', nameVi: 'Đất đai', nameEn: 'Land', prefix: 'C',
        windows: [{ start: '07:30', end: '11:00' }], targetWaitMin: 30,
      },
      { code: 'MOITRUONG', departmentCode: 'TNMT', nameVi: 'Môi trường', nameEn: 'Environment', prefix: 'D' },
      { code: 'CU', departmentCode: 'TP', nameVi: 'Lĩnh vực cũ', nameEn: 'Old service', prefix: 'E', active: false },
    ],
    counters: [
      { number: 1, nameVi: 'Quầy 1', nameEn: 'Counter 1', zone: 'A', services: [{ serviceCode: 'HOTICH' }, { serviceCode: 'CHUNGTHUC' }] },
      { number: 2, nameVi: 'Quầy 2', nameEn: 'Counter 2', zone: 'A', services: [{ serviceCode: 'HOTICH', weight: 3 }, { serviceCode: 'DATDAI', weight: 1 }] },
      { number: 3, nameVi: 'Quầy 3', nameEn: 'Counter 3', zone: 'B', services: [{ serviceCode: 'DATDAI' }, { serviceCode: 'MOITRUONG', weight: 2 }] },
      { number: 4, nameVi: 'Quầy 4', nameEn: 'Counter 4', zone: 'B', services: [{ serviceCode: 'MOITRUONG' }] },
    ],
    priorityCategories: [
      { code: 'nguoi-cao-tuoi', nameVi: 'Người cao tuổi', nameEn: 'Elderly' },
      { code: 'khuyet-tat', nameVi: 'Người khuyết tật', nameEn: 'Person with disability' },
      { code: 'mang-thai', nameVi: 'Phụ nữ mang thai', nameEn: 'Pregnant woman' },
    ],
    routing: { normalPerPriority: 2, maxWaitRule: true, transferPlacement: 'keep-wait' },
  };
}

export interface FixtureOptions {
  routing?: Partial<NonNullable<CenterConfigInput['routing']>>;
  center?: Partial<CenterConfigInput['center']>;
  /** Replace the counters entirely. */
  counters?: CenterConfigInput['counters'];
}

export function makeIndex(opts: FixtureOptions = {}): ConfigIndex {
  const input = fixtureInput();
  input.routing = { ...input.routing, ...opts.routing };
  input.center = { ...input.center, ...opts.center };
  if (opts.counters) input.counters = opts.counters;
  return indexConfig(CenterConfigSchema.parse(input));
}

/** Epoch ms of local HH:MM on a local day. */
export const at = (day: string, hhmm: string): number => localInstant(day, hhmm);

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

export const officer = (counter: number): string => `cb-${counter}`;
export const actor = (counter: number, officerId = officer(counter)) => ({ counter, officerId });
export const src = { kind: 'kiosk' as const, deviceId: 'kiosk-1', requestId: null };

/** A queue driven by commands, with a clock the test moves by hand. */
export class Sim {
  state: DayState;
  closedDays: DayState[] = [];
  private nextId = 1;

  constructor(readonly index: ConfigIndex = makeIndex(), public now: number = MONDAY_0800) {
    this.state = emptyDay(localDay(now));
  }

  advance(minutes: number): this {
    this.now += minutes * MIN;
    return this;
  }

  try(cmd: Command): ApplyResult {
    const r = apply(this.state, this.index, cmd, this.now);
    if (r.ok) {
      this.state = r.state;
      if (r.closedDay) this.closedDays.push(r.closedDay);
    }
    return r;
  }

  do(cmd: Command): Extract<ApplyResult, { ok: true }> {
    const r = this.try(cmd);
    if (!r.ok) throw new Error(`${cmd.type} refused: ${r.code} ${JSON.stringify(r.params)}`);
    return r;
  }

  /** Expect a refusal with `code`, and the state left exactly as it was. */
  refuse(cmd: Command, code: ErrorCode): void {
    const before = JSON.stringify(this.state);
    const ref = this.state;
    const r = this.try(cmd);
    expect(r.ok ? 'ok' : r.code).toBe(code);
    expect(this.state).toBe(ref);
    expect(JSON.stringify(this.state)).toBe(before);
  }

  issue(serviceCode: string, priority: string | null = null): Ticket {
    const r = this.do({ type: 'issue', id: `t${this.nextId++}`, serviceCode, priority, source: src });
    return r.ticket!;
  }

  open(counter: number, officerId = officer(counter)): CounterState {
    return this.do({ type: 'open-counter', counter, officerId }).counter!;
  }

  callNext(counter: number): Ticket {
    return this.do({ type: 'call-next', ...actor(counter) }).ticket!;
  }

  /** Call next and finish at once; returns the ticket called. */
  serveNext(counter: number): Ticket {
    const t = this.callNext(counter);
    this.do({ type: 'finish', ...actor(counter), procedureCode: null, dossierCodes: [], note: '' });
    return t;
  }

  ticket(id: string): Ticket {
    const t = this.state.tickets[id];
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  counter(n: number): CounterState | undefined {
    return this.state.counters[String(n)];
  }
}


