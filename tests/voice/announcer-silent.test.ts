// An announcement with nothing to play is not sent: a board's audio queue drops it anyway, and each
// call would cost a write to every board of the zone (50 in the fan-out bench). The announcer alone,
// with its real planner and timers; the voice is a stand-in that answers silent, then with audio.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_JOIN } from '@core/announcement-plan.ts';
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { CallView } from '@core/views.ts';
import { boardCall } from '@core/views.ts';
import { attachAnnouncer } from '../../server/voice/announcer.ts';

const AT = Date.UTC(2026, 10, 23, 2, 0);

function callOf(number: string, counter: number): CallView {
  return {
    ticket: {
      id: `t-${number}`, seq: 1, number, serviceCode: 'S', departmentCode: 'D', priority: null, status: 'called',
      issuedAt: AT - 60_000, queuedAt: AT - 60_000, calledAt: AT, startedAt: null, finishedAt: null, counter, targetCounter: null, calls: 1, transferred: false,
    },
    counter, zone: 'T1', recall: false, at: AT,
  };
}

describe('announcer', () => {
  it('sends the boards no announcement that has nothing to play, and the next one as usual', async () => {
    const listeners: ((call: CallView) => void)[] = [];
    const sent: AnnouncementView[] = [];
    let delivered!: () => void;
    const second = new Promise<void>((resolve) => { delivered = resolve; });
    let silent = true;
    let firstMade!: () => void;
    const firstDone = new Promise<void>((resolve) => { firstMade = resolve; });
    const announcer = attachAnnouncer({
      onCall: (listener) => { listeners.push(listener); },
      ticketNow: () => ({ status: 'called', counter: 1, calls: 1 }),
      listening: () => true,
      emit: (_zone, a) => {
        sent.push(a);
        delivered();
      },
      clock: { now: () => AT },
      logger: pino({ level: 'silent' }),
      synth: async (u) => {
        const calls = u.calls.map(boardCall);
        const text = `Xin mời công dân có số thứ tự ${calls.map((c) => c.ticket.number).join(', ')}`;
        const made: AnnouncementView = silent
          ? { call: calls[0]!, calls, notAfter: null, text, audioUrl: null, durationMs: null, voiced: false }
          : { call: calls[0]!, calls, notAfter: null, text, audioUrl: '/audio/x.wav', durationMs: 10, voiced: true };
        if (silent) queueMicrotask(firstMade);
        return made;
      },
      options: () => ({ staleAfterMs: 60_000, repeat: 1, chime: false, maxJoin: DEFAULT_MAX_JOIN }),
    });
    try {
      for (const l of listeners) l(callOf('A-001', 1));
      await firstDone;
      // The announcer's turn ends once the silent answer is handled (a later turn of the event loop).
      await new Promise((resolve) => setImmediate(resolve));
      silent = false;
      for (const l of listeners) l(callOf('A-002', 1));
      await second;
      expect(sent.map((a) => a.calls.map((c) => c.ticket.number))).toEqual([['A-002']]);
      expect(announcer.stats()).toMatchObject({ calls: 2, utterances: 2 });
    } finally {
      await announcer.close();
    }
  });
});
