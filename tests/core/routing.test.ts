import { describe, it, expect } from 'vitest';
import { candidatesFor, chooseNext, fifo } from '../../core/routing.ts';
import { Sim, actor, makeIndex } from './fixture.ts';
import type { FixtureOptions } from './fixture.ts';

const P = 'nguoi-cao-tuoi';
const sim = (routing: FixtureOptions['routing'] = {}) => new Sim(makeIndex({ routing }));
const kinds = (s: Sim, counter: number, n: number) =>
  Array.from({ length: n }, () => (s.serveNext(counter).priority ? 'P' : 'N')).join('');

describe('FIFO among equals', () => {
  it('calls in issue order, oldest first', () => {
    const s = sim();
    s.open(1);
    const ids = [1, 2, 3, 4].map(() => { const t = s.issue('HOTICH'); s.advance(1); return t.id; });
    expect([1, 2, 3, 4].map(() => s.serveNext(1).id)).toEqual(ids);
  });

  it('same instant: lower sequence first', () => {
    const s = sim();
    s.open(1);
    const a = s.issue('HOTICH'); const b = s.issue('HOTICH'); const c = s.issue('HOTICH');
    expect([s.serveNext(1), s.serveNext(1), s.serveNext(1)].map((t) => t.number)).toEqual([a.number, b.number, c.number]);
  });

  it('fifo is a total order on queue time, issue time, sequence, id', () => {
    const s = sim();
    const a = s.issue('HOTICH');
    s.advance(1);
    const b = s.issue('CHUNGTHUC');
    expect(fifo(a, b)).toBeLessThan(0);
    expect(fifo(b, a)).toBeGreaterThan(0);
    expect(fifo(a, a)).toBe(0);
    expect(fifo({ ...b, queuedAt: a.queuedAt - 1 }, a)).toBeLessThan(0);
    expect(fifo({ ...a, id: 'z' }, { ...a, id: 'y' })).toBeGreaterThan(0);
  });
});

describe('weights', () => {
  it('weighted wait = wait × weight decides between services', () => {
    const s = sim();
    s.open(2); // HOTICH ×3, DATDAI ×1
    const d = s.issue('DATDAI');
    s.advance(6);
    const h = s.issue('HOTICH');
    s.advance(4); // DATDAI: 10 × 1 = 10, HOTICH: 4 × 3 = 12
    expect(s.serveNext(2).id).toBe(h.id);
    expect(s.serveNext(2).id).toBe(d.id);
  });

  it('the heavier service does not win when its ticket is much younger', () => {
    const s = sim();
    s.open(2);
    const d = s.issue('DATDAI');
    s.advance(8);
    const h = s.issue('HOTICH');
    s.advance(2); // DATDAI: 10, HOTICH: 6
    expect(s.serveNext(2).id).toBe(d.id);
    expect(s.serveNext(2).id).toBe(h.id);
  });

  it('the weight is the calling counter’s: counter 3 prefers MOITRUONG', () => {
    const s = sim();
    s.open(3); // DATDAI ×1, MOITRUONG ×2
    const d = s.issue('DATDAI');
    s.advance(4);
    const m = s.issue('MOITRUONG');
    s.advance(3); // 7 vs 6
    expect(chooseNext(s.state, s.index, 3, s.now)!.id).toBe(d.id);
    expect(chooseNext(s.state, s.index, 3, s.now + 60_000)!.id).toBe(d.id); // 8 vs 4 × 2 = 8: tie → older
    expect(chooseNext(s.state, s.index, 3, s.now + 3 * 60_000)!.id).toBe(m.id); // 10 vs 6 × 2 = 12
  });
});

describe('normal : priority mix', () => {
  function queue(s: Sim, normals: number, priorities: number) {
    for (let i = 0; i < normals; i++) { s.issue('HOTICH'); s.advance(1); }
    for (let i = 0; i < priorities; i++) { s.issue('HOTICH', P); s.advance(1); }
  }

  it('2:1 while both wait, priority first right after opening', () => {
    const s = sim({ maxWaitRule: false });
    queue(s, 6, 3);
    s.open(1);
    expect(kinds(s, 1, 9)).toBe('PNNPNNPNN');
  });

  it('then the remaining kind runs on', () => {
    const s = sim({ maxWaitRule: false });
    queue(s, 2, 4);
    s.open(1);
    expect(kinds(s, 1, 6)).toBe('PNNPPP');
  });

  it('1:1 alternates', () => {
    const s = sim({ normalPerPriority: 1, maxWaitRule: false });
    queue(s, 3, 3);
    s.open(1);
    expect(kinds(s, 1, 6)).toBe('PNPNPN');
  });

  it('0 = priority always first', () => {
    const s = sim({ normalPerPriority: 0, maxWaitRule: false });
    queue(s, 3, 3);
    s.open(1);
    expect(kinds(s, 1, 6)).toBe('PPPNNN');
  });

  it('a priority arriving later is due after N normals since the last priority', () => {
    const s = sim({ maxWaitRule: false });
    queue(s, 8, 1);
    s.open(1);
    expect(kinds(s, 1, 2)).toBe('PN');
    s.issue('HOTICH', P);
    expect(kinds(s, 1, 3)).toBe('NPN'); // one more normal, then the priority
    expect(kinds(s, 1, 2)).toBe('NN');
    s.issue('HOTICH', P);
    expect(kinds(s, 1, 1)).toBe('P'); // two normals already since the last priority, normals still waiting
    expect(kinds(s, 1, 3)).toBe('NNN');
  });

  it('with no priority since opening, a newly arrived priority is due at once', () => {
    const s = sim({ maxWaitRule: false });
    queue(s, 5, 0);
    s.open(1);
    expect(kinds(s, 1, 1)).toBe('N');
    s.issue('HOTICH', P);
    expect(kinds(s, 1, 2)).toBe('PN');
  });

  it('mixes across services of the counter', () => {
    const s = sim({ maxWaitRule: false });
    s.issue('HOTICH'); s.issue('CHUNGTHUC'); s.issue('CHUNGTHUC', 'mang-thai'); s.issue('HOTICH');
    s.open(1);
    expect(kinds(s, 1, 4)).toBe('PNNN');
  });
});

describe('max-wait rule', () => {
  it('an overdue normal ticket comes before a priority one', () => {
    const s = sim();
    const n = s.issue('HOTICH');
    s.advance(15);
    const p = s.issue('HOTICH', P);
    s.advance(6); // n waited 21 min > 20
    s.open(1);
    expect(s.serveNext(1).id).toBe(n.id);
    expect(s.serveNext(1).id).toBe(p.id);
  });

  it('rule off: the priority ticket comes first', () => {
    const s = sim({ maxWaitRule: false });
    const n = s.issue('HOTICH');
    s.advance(15);
    const p = s.issue('HOTICH', P);
    s.advance(6);
    s.open(1);
    expect(s.serveNext(1).id).toBe(p.id);
    expect(s.serveNext(1).id).toBe(n.id);
  });

  it('an overdue ticket beats a heavier weighted wait', () => {
    for (const rule of [true, false]) {
      const s = sim({ maxWaitRule: rule });
      const d = s.issue('DATDAI'); // target 30
      s.advance(20);
      const h = s.issue('HOTICH'); // ×3 at counter 2
      s.advance(11); // DATDAI 31 min (overdue, score 31); HOTICH 11 × 3 = 33
      s.open(2);
      expect(s.serveNext(2).id, `rule ${rule}`).toBe(rule ? d.id : h.id);
    }
  });

  it('not yet overdue: no effect', () => {
    const s = sim();
    const n = s.issue('HOTICH');
    s.advance(15);
    const p = s.issue('HOTICH', P);
    s.advance(4); // 19 min
    s.open(1);
    expect(s.serveNext(1).id).toBe(p.id);
    expect(s.serveNext(1).id).toBe(n.id);
  });

  it('most overdue deadline first, not longest wait', () => {
    const s = sim();
    const d = s.issue('DATDAI'); // deadline +30
    s.advance(5);
    const h = s.issue('HOTICH'); // deadline +25
    s.advance(30);
    s.open(2);
    expect(s.serveNext(2).id).toBe(h.id);
    expect(s.serveNext(2).id).toBe(d.id);
  });
});

describe('candidates', () => {
  it('only waiting tickets of served services, targeted ones only at their counter', () => {
    const s = sim();
    s.open(1); s.open(2);
    const a = s.issue('HOTICH');
    s.issue('MOITRUONG');
    const b = s.issue('CHUNGTHUC');
    const c = s.issue('HOTICH');
    s.do({ type: 'call-ticket', ...actor(1), ticketId: c.id });
    s.do({ type: 'transfer', ...actor(1), toService: null, toCounter: 2, note: '' });
    const ids = (n: number) => candidatesFor(s.state, s.index, n).map((x) => x.ticket.id).sort();
    expect(ids(1)).toEqual([a.id, b.id].sort());
    expect(ids(2)).toEqual([a.id, c.id].sort());
    expect(candidatesFor(s.state, s.index, 2).find((x) => x.ticket.id === a.id)!.weight).toBe(3);
    expect(candidatesFor(s.state, s.index, 99)).toEqual([]);
    expect(chooseNext(s.state, s.index, 4, s.now)!.serviceCode).toBe('MOITRUONG');
    expect(chooseNext(sim().state, s.index, 1, s.now)).toBeNull();
  });
});
