// Ordering properties of call-next at a single counter, over seeded random queues.
import { describe, it, expect } from 'vitest';
import type { Command } from '../../core/commands.ts';
import { apply } from '../../core/engine.ts';
import { emptyDay } from '../../core/ticket.ts';
import { localDay } from '../../core/time.ts';
import type { FixtureOptions } from './fixture.ts';
import { MIN, MONDAY_0800, actor, makeIndex, mulberry32, src } from './fixture.ts';

describe('mulberry32', () => {
  it('mulberry32 is deterministic and spread out', () => {
    const a = mulberry32(42); const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.filter((x) => x < 0.5).length).toBeGreaterThan(400);
    expect(new Set(xs).size).toBe(1000);
  });
});

const singleCounter = (routing: FixtureOptions['routing']) =>
  makeIndex({
    center: { enforceWindows: false },
    routing,
    counters: [{ number: 1, nameVi: 'Quầy 1', nameEn: 'Counter 1', zone: 'A', services: [{ serviceCode: 'HOTICH' }] }],
  });

describe('FIFO property', () => {
  it('one counter, one service, normal tickets: called in issue order', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rng = mulberry32(seed * 7919);
      const index = singleCounter({ maxWaitRule: rng() < 0.5 });
      let now = MONDAY_0800;
      let state = emptyDay(localDay(now));
      const go = (cmd: Command) => {
        const r = apply(state, index, cmd, now);
        if (!r.ok) throw new Error(`${cmd.type}: ${r.code}`);
        state = r.state;
        return r.ticket;
      };
      go({ type: 'open-counter', ...actor(1) });
      const issued: string[] = [];
      const called: string[] = [];
      let busy = false;
      for (let i = 0; i < 150; i++) {
        now += rng() < 0.3 ? 0 : Math.floor(rng() * 10 * MIN); // often the same instant
        const x = rng();
        if (x < 0.5) issued.push(go({ type: 'issue', id: `f${i}`, serviceCode: 'HOTICH', priority: null, source: src })!.id);
        else if (busy) { go({ type: 'finish', ...actor(1), procedureCode: null, dossierCodes: [], note: '' }); busy = false; }
        else if (called.length < issued.length) { called.push(go({ type: 'call-next', ...actor(1) })!.id); busy = true; }
      }
      expect(called.length).toBeGreaterThan(10);
      expect(called, `seed ${seed}`).toEqual(issued.slice(0, called.length));
    }
  });
});

describe('mix property', () => {
  for (const mix of [1, 2, 3, 5]) {
    it(`normalPerPriority ${mix}: at most ${mix} normals in a row while priorities wait, never two priorities while normals wait`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const rng = mulberry32(seed * 104_729 + mix);
        const index = singleCounter({ normalPerPriority: mix, maxWaitRule: false });
        let now = MONDAY_0800;
        let state = emptyDay(localDay(now));
        let n = 0;
        const issue = () => {
          const r = apply(state, index, { type: 'issue', id: `m${n++}`, serviceCode: 'HOTICH', priority: rng() < 0.35 ? 'mang-thai' : null, source: src }, now);
          if (!r.ok) throw new Error(r.code);
          state = r.state;
        };
        for (let i = 0; i < 40; i++) { issue(); now += Math.floor(rng() * 3 * MIN); }
        const o = apply(state, index, { type: 'open-counter', ...actor(1) }, now);
        if (!o.ok) throw new Error(o.code);
        state = o.state;
        let normalsSincePriority = 0;
        let lastWasPriority = false;
        let sawBoth = 0;
        for (let call = 0; call < 60; call++) {
          if (rng() < 0.3) issue();
          const waiting = Object.values(state.tickets).filter((t) => t.status === 'waiting');
          const pWait = waiting.some((t) => t.priority !== null);
          const nWait = waiting.some((t) => t.priority === null);
          if (pWait && nWait) sawBoth++;
          now += Math.floor(rng() * 5 * MIN);
          const r = apply(state, index, { type: 'call-next', ...actor(1) }, now);
          if (!r.ok) { expect(r.code).toBe('QUEUE_EMPTY'); break; }
          const t = r.ticket!;
          if (t.priority) {
            if (nWait) expect(lastWasPriority, `seed ${seed} call ${call}: two priorities in a row`).toBe(false);
            normalsSincePriority = 0;
            lastWasPriority = true;
          } else {
            normalsSincePriority++;
            if (pWait) expect(normalsSincePriority, `seed ${seed} call ${call}: too many normals`).toBeLessThanOrEqual(mix);
            lastWasPriority = false;
          }
          const f = apply(r.state, index, { type: 'finish', ...actor(1), procedureCode: null, dossierCodes: [], note: '' }, now);
          if (!f.ok) throw new Error(f.code);
          state = f.state;
        }
        expect(sawBoth).toBeGreaterThan(10);
      }
    });
  }

  it('normalPerPriority 0: a priority is always called while one waits', () => {
    const rng = mulberry32(5);
    const index = singleCounter({ normalPerPriority: 0, maxWaitRule: false });
    let now = MONDAY_0800;
    let state = emptyDay(localDay(now));
    for (let i = 0; i < 30; i++) {
      const r = apply(state, index, { type: 'issue', id: `z${i}`, serviceCode: 'HOTICH', priority: rng() < 0.4 ? 'khuyet-tat' : null, source: src }, now);
      if (!r.ok) throw new Error(r.code);
      state = r.state;
      now += MIN;
    }
    const o = apply(state, index, { type: 'open-counter', ...actor(1) }, now);
    if (!o.ok) throw new Error(o.code);
    state = o.state;
    const kinds: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = apply(state, index, { type: 'call-next', ...actor(1) }, now);
      if (!r.ok) throw new Error(r.code);
      kinds.push(r.ticket!.priority ? 'P' : 'N');
      const f = apply(r.state, index, { type: 'finish', ...actor(1), procedureCode: null, dossierCodes: [], note: '' }, now);
      if (!f.ok) throw new Error(f.code);
      state = f.state;
    }
    expect(kinds.join('')).toMatch(/^P+N+$/);
  });
});
