import { describe, it, expect } from 'vitest';
import {
  allServiceFigures, issueEstimate, openCapacity, queueShareWaitMin, simpleWaitMin, peopleAhead, recordServiceTime, serviceFigures, ticketPosition, typicalServiceSec,
} from '../../core/estimate.ts';
import { Sim, actor, makeIndex } from './fixture.ts';

const P = 'mang-thai';

describe('service figures', () => {
  it('counts waiting tickets per service and the longest wait', () => {
    const s = new Sim();
    s.open(1);
    s.issue('HOTICH');
    s.advance(2);
    s.issue('HOTICH', P);
    s.issue('DATDAI');
    s.issue('HOTICH');
    s.callNext(1); // the priority one leaves the queue
    s.advance(3);
    const figs = allServiceFigures(s.state, s.index, s.now);
    expect(figs.map((f) => f.serviceCode)).toEqual(['HOTICH', 'CHUNGTHUC', 'DATDAI', 'MOITRUONG', 'CU']);
    expect(figs[0]).toMatchObject({ waiting: 2, priorityWaiting: 0, longestWaitSec: 5 * 60, issuedToday: 3 });
    expect(figs[2]).toMatchObject({ waiting: 1, longestWaitSec: 3 * 60, issuedToday: 1 });
    expect(figs[1]).toMatchObject({ waiting: 0, priorityWaiting: 0, longestWaitSec: 0, issuedToday: 0 });
    expect(serviceFigures(s.state, s.index, 'HOTICH', s.now)).toEqual(figs[0]);
    expect(serviceFigures(s.state, s.index, 'NOPE', s.now)).toBeNull();
  });

  it('counts waiting priority tickets', () => {
    const s = new Sim();
    s.issue('MOITRUONG', P); s.issue('MOITRUONG', 'khuyet-tat'); s.issue('MOITRUONG');
    expect(serviceFigures(s.state, s.index, 'MOITRUONG', s.now)).toMatchObject({ waiting: 3, priorityWaiting: 2 });
  });

  it('etaMin is null while no counter serving the service is open', () => {
    const s = new Sim();
    s.issue('HOTICH');
    s.open(4); // MOITRUONG only
    expect(serviceFigures(s.state, s.index, 'HOTICH', s.now)).toMatchObject({ openCapacity: 0, etaMin: null, waiting: 1 });
    expect(ticketPosition(s.state, s.index, s.ticket('t1'), s.now)).toEqual({ ahead: 0, etaMin: null });
  });

  it('eta = waiting × typical time ÷ open capacity, rounded up', () => {
    const s = new Sim();
    for (let i = 0; i < 5; i++) s.issue('HOTICH');
    s.open(1); // half a counter for HOTICH, 10 min default
    expect(serviceFigures(s.state, s.index, 'HOTICH', s.now)).toMatchObject({ serviceSec: 600, openCapacity: 0.5, etaMin: 100 });
    s.open(2); // + 3/4
    expect(serviceFigures(s.state, s.index, 'HOTICH', s.now)!.etaMin).toBe(Math.ceil((5 * 10) / 1.25));
  });
});

describe('openCapacity', () => {
  it('splits a counter between its services by weight', () => {
    const s = new Sim();
    s.open(1); s.open(2); s.open(3);
    expect(openCapacity(s.state, s.index, 'HOTICH')).toBeCloseTo(0.5 + 0.75);
    expect(openCapacity(s.state, s.index, 'CHUNGTHUC')).toBeCloseTo(0.5);
    expect(openCapacity(s.state, s.index, 'DATDAI')).toBeCloseTo(0.25 + 1 / 3);
    expect(openCapacity(s.state, s.index, 'MOITRUONG')).toBeCloseTo(2 / 3);
    expect(openCapacity(s.state, s.index, 'CU')).toBe(0);
  });

  it('counts only open counters, not paused or closed', () => {
    const s = new Sim();
    s.open(1); s.open(2);
    s.do({ type: 'pause-counter', ...actor(2), reason: '' });
    expect(openCapacity(s.state, s.index, 'HOTICH')).toBeCloseTo(0.5);
    s.do({ type: 'close-counter', ...actor(1) });
    expect(openCapacity(s.state, s.index, 'HOTICH')).toBe(0);
  });
});

describe('typical service time', () => {
  it('is the configured default until something was served', () => {
    const s = new Sim();
    expect(typicalServiceSec(s.state, s.index, 'HOTICH')).toBe(600);
    expect(typicalServiceSec(s.state, s.index, 'DATDAI')).toBe(480);
  });

  it('is the median of recent samples', () => {
    const s = new Sim();
    const state = { ...s.state, recentServiceSec: { HOTICH: [300, 60, 120], DATDAI: [60, 600, 120, 300] } };
    expect(typicalServiceSec(state, s.index, 'HOTICH')).toBe(120);
    expect(typicalServiceSec(state, s.index, 'DATDAI')).toBe(300);
  });

  it('follows what was served today', () => {
    const s = new Sim();
    s.open(1);
    for (const minutes of [4, 6, 20]) {
      s.issue('HOTICH');
      s.callNext(1);
      s.advance(minutes);
      s.do({ type: 'finish', ...actor(1), procedureCode: null, dossierCodes: [], note: '' });
    }
    expect(typicalServiceSec(s.state, s.index, 'HOTICH')).toBe(6 * 60);
  });

  it('recordServiceTime keeps the newest 20', () => {
    let samples: number[] | undefined;
    for (let i = 1; i <= 25; i++) samples = recordServiceTime(samples, i);
    expect(samples).toEqual(Array.from({ length: 20 }, (_, i) => i + 6));
    const before = [1, 2];
    expect(recordServiceTime(before, 3)).toEqual([1, 2, 3]);
    expect(before).toEqual([1, 2]);
  });
});

describe('ticket position', () => {
  it('counts earlier tickets of the same kind and priorities ahead of normals', () => {
    const s = new Sim();
    s.open(1);
    const n1 = s.issue('HOTICH');
    s.advance(1);
    const n2 = s.issue('HOTICH');
    s.advance(1);
    const p1 = s.issue('HOTICH', P);
    s.advance(1);
    const n3 = s.issue('HOTICH');
    const p2 = s.issue('HOTICH', P);
    s.issue('CHUNGTHUC'); // another service: never ahead
    expect(peopleAhead(s.state, n1)).toBe(2); // p1, p2
    expect(peopleAhead(s.state, n2)).toBe(3); // n1, p1, p2
    expect(peopleAhead(s.state, n3)).toBe(4);
    expect(peopleAhead(s.state, p1)).toBe(0);
    expect(peopleAhead(s.state, p2)).toBe(1);
    // The queue-share estimator: counter 1 is idle and takes the first of the 4 at once. Its share
    // of HOTICH follows what waits (5 HOTICH : 1 CHUNGTHUC, equal weights) = 5/6; each ticket
    // 10 min + 75 s of call. 675 ÷ (5/6 + 1) for the counter to free + 3 × 675 ÷ 5/6 = 2,798 s ≈ 47 min.
    expect(queueShareWaitMin(s.state, s.index, 'HOTICH', 4, true)).toBe(47);
    // The projection runs counter 1's own routing: p1 first (a counter just opened takes priority
    // first), then n1; by 08:25 everyone is past the 20-minute target, so the maximum-wait rule
    // calls by deadline: n2, then B-001 (the same minute as n3, a lower daily number), then n3.
    // n3 is fifth: 3 × 675 s + 555 s for B-001 (CHUNGTHUC's 8 min + 75 s) = 2,580 s = 43 min.
    expect(ticketPosition(s.state, s.index, n3, s.now)).toEqual({ ahead: 4, etaMin: 43 });
    expect(ticketPosition(s.state, s.index, p1, s.now)).toEqual({ ahead: 0, etaMin: 0 });
    // the first estimate: 4 × 10 min ÷ a half counter (fixed by weights)
    expect(simpleWaitMin(s.state, s.index, 'HOTICH', 4)).toBe(80);
  });

  it('every ticket records the estimate it was given at issue', () => {
    const s = new Sim();
    const none = s.issue('HOTICH');
    expect(none.estimateMin).toBeNull(); // no counter open: nothing to promise
    s.open(1);
    const first = s.issue('HOTICH');
    expect(first.estimateMin).toBe(ticketPosition(s.state, s.index, first, s.now).etaMin);
    s.callNext(1);
    const later = s.issue('HOTICH');
    // the counter is busy now, one person ahead: the figure printed is the one kept
    expect(later.estimateMin).toBe(ticketPosition(s.state, s.index, later, s.now).etaMin);
    expect(later.estimateMin).toBeGreaterThan(0);
    expect(issueEstimate(s.state, s.index, 'HOTICH', null, s.now)).toBeGreaterThan(later.estimateMin!);
  });

  it("a counter's other queue goes first when its citizens came first", () => {
    const s = new Sim();
    s.open(1); // HOTICH×1, CHUNGTHUC×1, idle: it calls nobody until asked
    for (let i = 0; i < 4; i++) s.issue('HOTICH');
    s.advance(10);
    // four HOTICH ahead, 10 min + 75 s each: 45 min
    expect(issueEstimate(s.state, s.index, 'HOTICH', null, s.now)).toBe(45);
    for (let i = 0; i < 3; i++) s.issue('CHUNGTHUC');
    // the three CHUNGTHUC came just before this citizen: past the 20-minute target they are called
    // first (same deadline, issued earlier): 45 min + 3 × 555 s (8 min + 75 s) = 72.75 min
    expect(issueEstimate(s.state, s.index, 'HOTICH', null, s.now)).toBe(73);
    // the estimator before counted only a demand share: 4 HOTICH ahead and the CHUNGTHUC queue
    // taking 3/8 of the counter: 675 ÷ (5/8 + 1) + 3 × 675 ÷ 5/8 = 3,655 s, 61 min: 12 too few
    expect(queueShareWaitMin(s.state, s.index, 'HOTICH', 4, false)).toBe(61);
  });

  it('a wait that runs into the lunch break lasts the break too', () => {
    const s = new Sim();
    s.open(1);
    s.advance(180); // 11:00
    for (let i = 0; i < 5; i++) s.issue('HOTICH');
    s.advance(40); // 11:40, issuing closed at 11:30, the session runs to 12:00
    // calls at 11:40 and 11:51:15; the counter is free again at 12:02:30, after the session:
    // it resumes at 13:00 with the third, fourth, fifth, and this citizen at 13:33:45: 113.75 min
    expect(issueEstimate(s.state, s.index, 'HOTICH', null, s.now)).toBe(114);
    expect(queueShareWaitMin(s.state, s.index, 'HOTICH', 5, false)).toBe(51);
    // at 16:30 with the same queue, the day ends first: the wait runs to 17:00
    s.advance(290);
    expect(issueEstimate(s.state, s.index, 'HOTICH', null, s.now)).toBe(30);
  });

  it('citizens still to come: priority ones arriving at today’s pace are called before a normal one', () => {
    // priority always first, no maximum-wait rule: the order is the mix alone
    const s = new Sim(makeIndex({ routing: { normalPerPriority: 0, maxWaitRule: false } }));
    s.open(4); // MOITRUONG only, 8 min + 75 s = 555 s a call
    for (let i = 0; i < 6; i++) {
      s.issue('MOITRUONG', i % 2 === 0 ? P : null); // 08:00 P, 08:05 N, 08:10 P, … 08:25 N
      s.advance(5);
    }
    // a priority citizen now is fourth, after the three waiting: 3 × 555 s = 27.75 min; those who
    // come after it are behind it
    expect(issueEstimate(s.state, s.index, 'MOITRUONG', 'khuyet-tat', s.now)).toBe(28);
    // a normal one is after the three priority and three normal tickets waiting (56 min if nobody
    // else came), and after every priority citizen still to come at today's pace (one every
    // 10 min, nearly a call's length): well past the morning
    expect(issueEstimate(s.state, s.index, 'MOITRUONG', null, s.now)).toBeGreaterThan(120);
    expect(queueShareWaitMin(s.state, s.index, 'MOITRUONG', 6, false)).toBeLessThan(60);
  });

  it('a ticket no longer waiting has nobody ahead', () => {
    const s = new Sim();
    s.open(1);
    s.issue('HOTICH');
    const called = s.callNext(1);
    s.issue('HOTICH');
    expect(ticketPosition(s.state, s.index, s.ticket(called.id), s.now)).toEqual({ ahead: 0, etaMin: null });
  });

  it('tickets sent to another counter are not ahead', () => {
    const s = new Sim();
    s.open(1); s.open(2);
    const a = s.issue('HOTICH');
    s.advance(1);
    const b = s.issue('HOTICH');
    s.do({ type: 'call-ticket', ...actor(1), ticketId: a.id });
    s.do({ type: 'transfer', ...actor(1), toService: null, toCounter: 2, note: '' });
    expect(s.ticket(a.id).queuedAt).toBeLessThan(s.ticket(b.id).queuedAt);
    expect(peopleAhead(s.state, s.ticket(b.id))).toBe(0);
    expect(peopleAhead(s.state, s.ticket(a.id))).toBe(0);
  });
});
