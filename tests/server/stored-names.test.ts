// A center upgraded from a version that accepted any name (a bidi mark pasted from a document,
// a blank zone) still starts: the names are repaired in memory, the queue serves, and the next
// configuration change saves the repaired names.
import { afterEach, expect, it } from 'vitest';
import type { CenterConfig } from '@core/config.ts';
import { UNNAMED } from '@core/name-text.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
afterEach(async () => { await server?.close(); });

it('a stored configuration with names refused today starts, repaired, and serves', async () => {
  const stored = structuredClone(testCenterConfig());
  stored.services[0]!.nameVi = 'Đất \u202Eđai\u0000';
  stored.counters[0]!.nameVi = ' \u200B ';
  server = await startServer({ config: stored as CenterConfig });
  const live = server.app.parts.config.current;
  expect(live.services[0]!.nameVi).toBe('Đất đai');
  expect(live.counters[0]!.nameVi).toBe(UNNAMED);
  const kiosk = await server.device('kiosk1');
  const ticket = await must(kiosk, 'ticket:issue', { serviceCode: stored.services[0]!.code, requestId: 'tap-00000001' });
  expect(ticket.ticket.number).toMatch(/-001$/);
  expect(ticket.serviceNameVi).toBe('Đất đai'); // what the kiosk prints
});
