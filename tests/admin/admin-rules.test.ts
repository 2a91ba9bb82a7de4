// The admin validation rules as plain values: each edit builds a whole configuration that is
// checked by CenterConfigSchema, then against today's queue.
import { describe, expect, it } from 'vitest';
import { applyEdit, changedSections, checkLiveChange, keepsAnAdmin } from '@core/admin-config.ts';
import type { ConfigEdit } from '@core/admin-config.ts';
import { CenterConfigSchema, ServiceSchema } from '@core/config.ts';
import type { CenterConfig } from '@core/config.ts';
import { emptyDay } from '@core/ticket.ts';
import type { DayState, Ticket } from '@core/ticket.ts';
import { AdminCreateUserBodySchema } from '@core/protocol.ts';
import { testCenterConfig } from '../helpers/center.ts';

const service = (over: Record<string, unknown> = {}) =>
  ServiceSchema.parse({ code: 'DKKD', departmentCode: 'STP', nameVi: 'Đăng ký kinh doanh', nameEn: 'Business registration', prefix: 'K', ...over });

/** The schema's verdict on an edit, as the list of problem messages (empty: valid). */
function problems(live: CenterConfig, edit: ConfigEdit): string[] {
  const out = applyEdit(live, edit);
  if (!out.ok) return [out.code];
  const parsed = CenterConfigSchema.safeParse(out.proposed);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
}

function waitingTicket(serviceCode: string): Ticket {
  return {
    id: `t-${serviceCode}`, day: '2026-11-23', serviceCode, number: `A-001`, seq: 1, priority: null, status: 'waiting',
    issuedAt: 0, waitingSince: 0, counter: null, targetCounter: null, officerId: null, history: [], source: { kind: 'kiosk', deviceId: 'k', requestId: null },
  } as unknown as Ticket;
}

describe('admin edits validated against the whole configuration', () => {
  const live = testCenterConfig();

  it('accepts a new service and a counter serving it', () => {
    expect(problems(live, { type: 'service:put', service: service() })).toEqual([]);
    const withService = CenterConfigSchema.parse((applyEdit(live, { type: 'service:put', service: service() }) as { proposed: unknown }).proposed);
    expect(problems(withService, { type: 'counter:put', counter: { number: 9, nameVi: 'Quầy 9', nameEn: 'Counter 9', zone: 'T3', services: [{ serviceCode: 'DKKD', weight: 2 }], defaultOfficer: null } })).toEqual([]);
  });

  it('refuses a prefix that another service uses', () => {
    expect(problems(live, { type: 'service:put', service: service({ prefix: 'A' }) }).join()).toContain('lĩnh vực DKKD “Đăng ký kinh doanh”: tiền tố số thứ tự A trùng với lĩnh vực DATDAI “Đất đai”');
  });

  it('refuses an invalid prefix at the body check', () => {
    expect(ServiceSchema.safeParse({ ...service(), prefix: 'a1' }).success).toBe(false);
    expect(ServiceSchema.safeParse({ ...service(), prefix: 'ABC' }).success).toBe(false);
  });

  it('refuses a service of a department that does not exist', () => {
    expect(problems(live, { type: 'service:put', service: service({ departmentCode: 'SXD' }) }).join()).toContain('không có sở, ngành SXD');
  });

  it('refuses overlapping issuing windows', () => {
    const windows = [{ start: '07:00', end: '10:00' }, { start: '09:30', end: '11:00' }];
    expect(problems(live, { type: 'service:put', service: service({ windows }) }).join()).toContain('chồng nhau');
  });

  it('refuses removing a service a counter still serves', () => {
    expect(problems(live, { type: 'service:delete', code: 'LLTP' }).join()).toContain('quầy 3: không có lĩnh vực LLTP');
  });

  it('refuses a counter serving a service that does not exist, and a duplicate service on one counter', () => {
    const counter = { number: 1, nameVi: 'Quầy 1', nameEn: 'Counter 1', zone: 'T1', services: [{ serviceCode: 'NOPE', weight: 1 }], defaultOfficer: null };
    expect(problems(live, { type: 'counter:put', counter }).join()).toContain('không có lĩnh vực NOPE');
    const twice = { ...counter, services: [{ serviceCode: 'DATDAI', weight: 1 }, { serviceCode: 'DATDAI', weight: 3 }] };
    expect(problems(live, { type: 'counter:put', counter: twice }).join()).toContain('lĩnh vực của quầy bị trùng');
  });

  it('refuses removing a department that still has services, and deleting what is not there', () => {
    expect(problems(live, { type: 'department:delete', code: 'STP' }).join()).toContain('không có sở, ngành STP');
    expect(problems(live, { type: 'service:delete', code: 'NOPE' })).toEqual(['NOT_FOUND']);
    expect(problems(live, { type: 'counter:delete', number: 77 })).toEqual(['NOT_FOUND']);
  });

  it('refuses a whole configuration with duplicate codes', () => {
    const dup = { ...live, services: [...live.services, { ...live.services[0]!, prefix: 'Z' }] };
    expect(problems(live, { type: 'config:put', config: dup }).join()).toContain('mã lĩnh vực bị trùng: DATDAI');
  });

  it('names the sections a whole-configuration change touches', () => {
    const after = { ...live, center: { ...live.center, nameVi: 'Tên mới' } };
    expect(changedSections(live, after)).toEqual(['center']);
  });
});

describe("today's queue", () => {
  const live = testCenterConfig();
  const state = (f: (s: DayState) => void): DayState => {
    const s = emptyDay('2026-11-23');
    f(s);
    return s;
  };

  it('refuses removing a service while citizens wait for it', () => {
    const after = { ...live, services: live.services.filter((s) => s.code !== 'CHIEU'), counters: live.counters.map((c) => ({ ...c, services: c.services.filter((s) => s.serviceCode !== 'CHIEU') })) };
    const busy = state((s) => { s.tickets['t-CHIEU'] = waitingTicket('CHIEU'); });
    expect(checkLiveChange(live, after, busy)).toEqual({ code: 'SERVICE_HAS_WAITING', params: { service: 'CHIEU', count: 1 } });
    expect(checkLiveChange(live, after, state(() => {}))).toBeNull();
    const serving = state((s) => { s.tickets['t-CHIEU'] = { ...waitingTicket('CHIEU'), status: 'serving' }; });
    expect(checkLiveChange(live, after, serving)?.code).toBe('SERVICE_HAS_WAITING');
    const done = state((s) => { s.tickets['t-CHIEU'] = { ...waitingTicket('CHIEU'), status: 'done' }; });
    expect(checkLiveChange(live, after, done)).toBeNull();
  });

  it('refuses removing a counter that tickets were transferred to', () => {
    const after = { ...live, counters: live.counters.filter((c) => c.number !== 3) };
    const sent = state((s) => { s.tickets['t-B'] = { ...waitingTicket('HOTICH'), targetCounter: 3 }; });
    expect(checkLiveChange(live, after, sent)).toEqual({ code: 'COUNTER_HAS_WAITING', params: { counter: 3, count: 1 } });
  });

  it('refuses removing an open counter, allows a closed one', () => {
    const after = { ...live, counters: live.counters.filter((c) => c.number !== 3) };
    const open = state((s) => { s.counters['3'] = { number: 3, status: 'open', officerId: 'u', currentTicketId: null, since: 0 } as DayState['counters'][string]; });
    expect(checkLiveChange(live, after, open)).toEqual({ code: 'COUNTER_IN_USE', params: { counter: 3 } });
    expect(checkLiveChange(live, after, state(() => {}))).toBeNull();
  });
});

describe('users', () => {
  const users = [
    { id: 'a', role: 'admin' as const, disabled: false },
    { id: 'b', role: 'admin' as const, disabled: true },
    { id: 'c', role: 'officer' as const, disabled: false },
  ];
  it('the last active admin cannot be disabled or demoted; another one can', () => {
    expect(keepsAnAdmin(users, 'a', { role: 'admin', disabled: true })).toBe(false);
    expect(keepsAnAdmin(users, 'a', { role: 'manager', disabled: false })).toBe(false);
    expect(keepsAnAdmin(users, 'c', { role: 'officer', disabled: true })).toBe(true);
    expect(keepsAnAdmin(users, 'b', { role: 'admin', disabled: false })).toBe(true);
    expect(keepsAnAdmin([...users, { id: 'd', role: 'admin', disabled: false }], 'a', { role: 'admin', disabled: true })).toBe(true);
  });
  it('new users need a plain username and a password of at least 8 characters', () => {
    expect(AdminCreateUserBodySchema.safeParse({ username: 'Cán bộ', displayName: 'X', role: 'officer', password: '12345678' }).success).toBe(false);
    expect(AdminCreateUserBodySchema.safeParse({ username: 'canbo9', displayName: 'X', role: 'officer', password: 'short' }).success).toBe(false);
    expect(AdminCreateUserBodySchema.parse({ username: 'CanBo9', displayName: ' Cán bộ 9 ', role: 'officer', password: '12345678' })).toMatchObject({ username: 'canbo9', displayName: 'Cán bộ 9', counters: [] });
  });
});
