// The counter issue's "Bad input", over real sockets: actions on a closed counter, on a ticket of
// another counter, on a finished ticket, double submits, malformed dossier codes, ratings out of
// range or repeated. Each gets its code and a message in both languages; the day on disk
// (snapshot and journal) is byte for byte what it was before.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '@core/protocol.ts';
import type { DayState } from '@core/ticket.ts';
import { dayFilesRaw, must, send, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';

let server: TestServer;
let kiosk: Client;
let officer1: Client;
let officer2: Client;
let pad1: Client;
let seq = 0;

const open = async () => {
  server = await startServer();
  [kiosk, officer1, officer2, pad1] = await Promise.all([server.device('kiosk1'), server.officer(1), server.officer(2), server.device('pad1')]);
};
const close = async () => { await server.close(); };
/** A server of its own for each test (most change the day); refusals that change nothing share one. */
function freshServerEach(): void {
  beforeEach(open);
  afterEach(close);
}

const issue = async (serviceCode = 'DATDAI') => (await must(kiosk, 'ticket:issue', { serviceCode, requestId: `bad-input-${++seq}` })).ticket;
const onDisk = async (): Promise<DayState> => (await new LowdbStore(server.dataDir).readDay('2026-11-23'))!;

function expectRefused(res: Ack<unknown>, code: string): asserts res is Extract<Ack<unknown>, { ok: false }> {
  expect(res.ok, `expected ${code}`).toBe(false);
  if (res.ok) return;
  expect(res.code).toBe(code);
  expect(res.message.length).toBeGreaterThan(5);
  expect(res.messageEn.length).toBeGreaterThan(5);
  expect(res.message).not.toBe(res.messageEn);
}

async function refusedAndUnchanged(action: () => Promise<Ack<unknown>>, code: string) {
  const before = await dayFilesRaw(server.dataDir);
  const res = await action();
  expectRefused(res, code);
  expect(await dayFilesRaw(server.dataDir)).toBe(before);
  return res;
}

describe('actions on a closed counter', () => {
  freshServerEach();
  it('every ticket and counter action is refused with COUNTER_NOT_OPEN, before opening and after closing', async () => {
    const waiting = await issue();
    const actions: [string, unknown][] = [
      ['ticket:call-next', {}], ['ticket:call', { ticketId: waiting.id }], ['ticket:recall', {}], ['ticket:start', {}],
      ['ticket:finish', {}], ['ticket:no-show', {}], ['ticket:transfer', { toService: 'HOTICH' }],
      ['counter:pause', { reason: 'Họp' }], ['counter:resume', {}], ['counter:close', {}],
    ];
    for (const [event, payload] of actions) {
      await refusedAndUnchanged(() => send(officer1, event as 'ticket:call-next', payload), 'COUNTER_NOT_OPEN');
    }
    await must(officer1, 'counter:open', { counter: 1 });
    await must(officer1, 'counter:close', {});
    for (const [event, payload] of actions) {
      await refusedAndUnchanged(() => send(officer1, event as 'ticket:call-next', payload), 'COUNTER_NOT_OPEN');
    }
    expect((await must(officer1, 'queue:get', {})).waiting).toEqual([]); // no counter, no list
  });
});

describe('a ticket of another counter', () => {
  freshServerEach();
  beforeEach(async () => {
    await must(officer1, 'counter:open', { counter: 1 });
    await must(officer2, 'counter:open', { counter: 2 });
  });

  it('called or being served elsewhere: TICKET_TAKEN, naming the number', async () => {
    const t = await issue();
    await must(officer2, 'ticket:call', { ticketId: t.id });
    const res = await refusedAndUnchanged(() => send(officer1, 'ticket:call', { ticketId: t.id }), 'TICKET_TAKEN');
    expect(res.message).toBe('Số A-001 đã được quầy khác gọi');
    await must(officer2, 'ticket:start', {});
    await refusedAndUnchanged(() => send(officer1, 'ticket:call', { ticketId: t.id }), 'TICKET_TAKEN');
  });

  it('sent to another counter, or of a service this counter does not serve: NOT_FOR_THIS_COUNTER', async () => {
    const t = await issue('HOTICH');
    await must(officer2, 'ticket:call', { ticketId: t.id });
    await must(officer2, 'ticket:transfer', { toCounter: 3, note: 'Chứng thực' });
    await refusedAndUnchanged(() => send(officer1, 'ticket:call', { ticketId: t.id }), 'NOT_FOR_THIS_COUNTER');
    const other = await issue('LLTP');
    await refusedAndUnchanged(() => send(officer1, 'ticket:call', { ticketId: other.id }), 'NOT_FOR_THIS_COUNTER');
  });

  it("a pad cannot rate a ticket served at another counter, nor one still being served", async () => {
    const t = await issue();
    await must(officer2, 'ticket:call', { ticketId: t.id });
    await must(officer2, 'ticket:start', {});
    const pad2 = await server.device('pad2');
    await refusedAndUnchanged(() => send(pad2, 'rating:submit', { ticketId: t.id, score: 5 }), 'NOT_SERVED_HERE');
    await must(officer2, 'ticket:finish', {});
    await refusedAndUnchanged(() => send(pad1, 'rating:submit', { ticketId: t.id, score: 5 }), 'NOT_SERVED_HERE');
    await refusedAndUnchanged(() => send(pad1, 'rating:submit', { ticketId: 'x'.repeat(26), score: 5 }), 'TICKET_NOT_FOUND');
  });
});

describe('a finished ticket', () => {
  freshServerEach();
  it('cannot be called again, recalled, finished again, transferred or marked absent', async () => {
    await must(officer1, 'counter:open', { counter: 1 });
    const done = await issue();
    await must(officer1, 'ticket:call-next', {});
    await must(officer1, 'ticket:finish', {});
    const missed = await issue();
    await must(officer1, 'ticket:call-next', {});
    await must(officer1, 'ticket:no-show', {});
    for (const t of [done, missed]) {
      const res = await refusedAndUnchanged(() => send(officer1, 'ticket:call', { ticketId: t.id }), 'INVALID_TRANSITION');
      expect(res.message).toContain('Không thể gọi');
    }
    for (const event of ['ticket:recall', 'ticket:start', 'ticket:finish', 'ticket:no-show'] as const) {
      await refusedAndUnchanged(() => send(officer1, event, {}), 'NO_CURRENT_TICKET');
    }
    await refusedAndUnchanged(() => send(officer1, 'ticket:transfer', { toService: 'HOTICH' }), 'NO_CURRENT_TICKET');
  });
});

describe('double submits', () => {
  freshServerEach();
  beforeEach(async () => { await must(officer1, 'counter:open', { counter: 1 }); });

  it('two "call next" at once (a double key press, or two tabs): one call, the other COUNTER_BUSY', async () => {
    await issue();
    await issue();
    const secondTab = await server.officer(1);
    const results = await Promise.all([send(officer1, 'ticket:call-next', {}), send(secondTab, 'ticket:call-next', {})]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expectRefused(results.find((r) => !r.ok)!, 'COUNTER_BUSY');
    const day = await onDisk();
    expect(Object.values(day.tickets).filter((t) => t.status === 'called')).toHaveLength(1);
  });

  it('"finish" twice: one finish, the other NO_CURRENT_TICKET; served today counts one', async () => {
    const t = await issue();
    await must(officer1, 'ticket:call-next', {});
    const results = await Promise.all([
      send(officer1, 'ticket:finish', { dossierCodes: ['000.00.12.H36-261123-0001'] }),
      send(officer1, 'ticket:finish', { dossierCodes: ['000.00.12.H36-261123-0001'] }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expectRefused(results.find((r) => !r.ok)!, 'NO_CURRENT_TICKET');
    const day = await onDisk();
    expect(day.tickets[t.id]!.history.filter((h) => h.type === 'finished')).toHaveLength(1);
    expect(day.counters['1']!.servedToday).toBe(1);
  });

  it('"transfer" twice: one transfer', async () => {
    const t = await issue();
    await must(officer1, 'ticket:call-next', {});
    const results = await Promise.all([send(officer1, 'ticket:transfer', { toService: 'HOTICH' }), send(officer1, 'ticket:transfer', { toService: 'HOTICH' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expectRefused(results.find((r) => !r.ok)!, 'NO_CURRENT_TICKET');
    expect((await onDisk()).tickets[t.id]!.transfers).toHaveLength(1);
  });

  it('a rating sent twice (a double tap): one rating, the other ALREADY_RATED', async () => {
    const t = await issue();
    await must(officer1, 'ticket:call-next', {});
    await must(officer1, 'ticket:finish', {});
    const results = await Promise.all([send(pad1, 'rating:submit', { ticketId: t.id, score: 5 }), send(pad1, 'rating:submit', { ticketId: t.id, score: 5 })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expectRefused(results.find((r) => !r.ok)!, 'ALREADY_RATED');
    expect((await onDisk()).tickets[t.id]!.history.filter((h) => h.type === 'rated')).toHaveLength(1);
  });
});

describe('malformed dossier codes', () => {
  freshServerEach();
  it.each([
    ['not a code at all', ['12345']],
    ['month 13', ['000.00.12.H36-261323-0001']],
    ['letter O for a zero', ['000.00.12.H36-261123-00O1']],
    ['one bad among good ones', ['000.00.12.H36-261123-0001', '000.00.12.H36-261123']],
  ])('%s: refused as a whole, the ticket still being served', async (_name, codes) => {
    await must(officer1, 'counter:open', { counter: 1 });
    const t = await issue();
    await must(officer1, 'ticket:call-next', {});
    await must(officer1, 'ticket:start', {});
    const res = await refusedAndUnchanged(() => send(officer1, 'ticket:finish', { dossierCodes: codes, note: 'x' }), 'INVALID_DOSSIER_CODE');
    expect(res.message).toContain('Mã hồ sơ không đúng định dạng');
    expect((await onDisk()).tickets[t.id]!.status).toBe('serving');
  });
});

describe('ratings out of range, with unknown reasons, or repeated', () => {
  let ticketId: string;
  const finishedTicket = async () => {
    await must(officer1, 'counter:open', { counter: 1 });
    ticketId = (await issue()).id;
    await must(officer1, 'ticket:call-next', {});
    await must(officer1, 'ticket:finish', {});
  };

  describe('refused: one server and one finished ticket for all (each refusal leaves the day byte for byte as it was)', () => {
    beforeAll(async () => { await open(); await finishedTicket(); });
    afterAll(close);

    it.each([
      ['zero', { score: 0 }],
      ['six', { score: 6 }],
      ['a fraction', { score: 2.5 }],
      ['a string', { score: '5' }],
      ['missing', {}],
      ['an unknown field', { score: 4, stars: 4 }],
    ])('score %s: VALIDATION_FAILED', async (_name, extra) => {
      await refusedAndUnchanged(() => send(pad1, 'rating:submit', { ticketId, ...extra }), 'VALIDATION_FAILED');
    });

    it.each([
      ['a reason the center did not configure', { score: 2, reasons: ['rude-guard'] }, 'reasons'],
      ['the same reason twice', { score: 2, reasons: ['attitude', 'attitude'] }, 'reasons'],
      ['reasons with a high score', { score: 5, reasons: ['attitude'] }, 'reasons'],
      ['reasons without an answer', { score: null, reasons: ['attitude'] }, 'reasons'],
      ['a comment without an answer', { score: null, comment: 'xin chào' }, 'comment'],
    ])('%s: VALIDATION_FAILED naming the field', async (_name, body, field) => {
      const res = await refusedAndUnchanged(() => send(pad1, 'rating:submit', { ticketId, ...body }), 'VALIDATION_FAILED');
      expect(res.issues?.map((i) => i.path)).toContain(field);
    });
  });

  describe('repeated', () => {
    beforeEach(async () => { await open(); await finishedTicket(); });
    afterEach(close);

    it('repeated, even as "not rated" after a real answer: ALREADY_RATED, the first answer kept', async () => {
      await must(pad1, 'rating:submit', { ticketId, score: 3, reasons: ['guidance'], comment: 'Cần hướng dẫn rõ hơn' });
      for (const again of [{ score: 1 }, { score: null }, { score: 3, reasons: ['guidance'] }]) {
        const res = await refusedAndUnchanged(() => send(pad1, 'rating:submit', { ticketId, ...again }), 'ALREADY_RATED');
        expect(res.message).toContain('đã được đánh giá');
      }
      expect((await onDisk()).tickets[ticketId]!.rating).toMatchObject({ score: 3, reasons: ['guidance'], comment: 'Cần hướng dẫn rõ hơn', counter: 1 });
    });
  });
});
