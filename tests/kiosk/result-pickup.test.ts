// "Nhận kết quả" at the kiosk (issue 14) over real Socket.IO: the dossier code from the receipt
// gives a ticket of the configured result-return service with the code attached; the officer sees
// it, the service record (pull API) carries it; a bad code, a code already waiting, and a center
// without a result-return service are refused in Vietnamese. Idempotent by request id.
import { afterEach, describe, expect, it } from 'vitest';
import { CenterConfigSchema } from '@core/config.ts';
import type { ServiceRecord } from '@core/service-record.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { must, nextEvent, send, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

const API_KEY = 'khoa-api-keo-du-lieu-0123456789';
const CODE = '000.00.12.H36-261120-0042';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
let seq = 0;
const tap = () => `pickup-${String(++seq).padStart(6, '0')}`;

/** The test center plus a result-return service served at counter 3. */
function pickupCenter(flagged = true) {
  const base = testCenterConfig();
  return CenterConfigSchema.parse({
    ...base,
    services: [...base.services, { code: 'TRAKQ', departmentCode: 'STP', nameVi: 'Trả kết quả', nameEn: 'Result pick-up', prefix: 'R', resultReturn: flagged }],
    counters: base.counters.map((c) => (c.number === 3 ? { ...c, services: [...c.services, { serviceCode: 'TRAKQ', weight: 1 }] } : c)),
  });
}

describe('result pick-up at the kiosk', () => {
  it('issues a ticket of the result-return service with the dossier code; the officer sees it; the record carries it', async () => {
    server = await startServer({ config: pickupCenter(), exportSettings: { apiKey: API_KEY } });
    const [kiosk, officer] = await Promise.all([server.device('kiosk1'), server.officer(3)]);
    await must(officer, 'counter:open', { counter: 3 });
    const heard = nextEvent(officer, 'ticket:issued');
    const requestId = tap();
    // Typed in lower case with spaces, as a person might: normalised.
    const issued = await must(kiosk, 'ticket:issue-result', { dossierCode: ` ${CODE.toLowerCase()} `, requestId });
    expect(issued.ticket).toMatchObject({ number: 'R-001', serviceCode: 'TRAKQ', dossierCodes: [CODE] });
    expect(issued.serviceNameVi).toBe('Trả kết quả');
    expect(issued.counters).toEqual([3]);
    expect((await heard).dossierCodes).toEqual([CODE]);

    // The same tap again (a retry after no answer): the same ticket, not a second one.
    const again = await must(kiosk, 'ticket:issue-result', { dossierCode: CODE, requestId });
    expect(again.ticket.id).toBe(issued.ticket.id);
    expect(server.app.parts.queue.current.sequences.R).toBe(1);

    const called = await must(officer, 'ticket:call-next', {});
    expect(called).toMatchObject({ id: issued.ticket.id, dossierCodes: [CODE] });
    // The officer finishes without retyping the code: it stays, and one typed is added.
    const extra = '000.00.12.H36-261123-0007';
    const done = await must(officer, 'ticket:finish', { dossierCodes: [extra] });
    expect(done.dossierCodes).toEqual([CODE, extra]);

    const pulled = async () => {
      const res = await fetch(`${server!.url}/api/export/records?after=0`, { headers: { 'x-api-key': API_KEY } });
      return ((await res.json()) as { data: { records: ServiceRecord[] } }).data.records;
    };
    await expect.poll(async () => (await pulled()).length, { timeout: 10_000 }).toBe(1);
    expect((await pulled())[0]).toMatchObject({ key: issued.ticket.id, ticketNumber: 'R-001', dossierCodes: [CODE, extra] });
  });

  it('refuses a malformed code, and a code that already has a waiting ticket, in Vietnamese naming the code', async () => {
    server = await startServer({ config: pickupCenter() });
    const kiosk = await server.device('kiosk1');
    const bad = await send(kiosk, 'ticket:issue-result', { dossierCode: 'HS-12345', requestId: tap() });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_DOSSIER_CODE', message: 'Mã hồ sơ không đúng định dạng: HS-12345' });
    const first = await must(kiosk, 'ticket:issue-result', { dossierCode: CODE, requestId: tap() });
    const twice = await send(kiosk, 'ticket:issue-result', { dossierCode: CODE, requestId: tap() });
    expect(twice).toMatchObject({ ok: false, code: 'DOSSIER_ALREADY_WAITING' });
    expect(!twice.ok && twice.message).toBe(`Hồ sơ ${CODE} đã có phiếu số ${first.ticket.number} đang chờ nhận kết quả. Ông/Bà vui lòng chờ gọi số đó`);
    // Nothing half-made: one ticket in the day.
    expect(Object.keys(server.app.parts.queue.current.tickets)).toEqual([first.ticket.id]);

    expect(await send(kiosk, 'ticket:issue-result', { dossierCode: '', requestId: tap() })).toMatchObject({
      ok: false, code: 'VALIDATION_FAILED', issues: [{ path: 'dossierCode', message: 'thiếu mã hồ sơ' }],
    });
    expect(await send(kiosk, 'ticket:issue-result', { dossierCode: CODE, requestId: tap(), serviceCode: 'DATDAI' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const officer = await server.officer(1);
    expect(await send(officer, 'ticket:issue-result', { dossierCode: CODE, requestId: tap() })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a center without a result-return service says so', async () => {
    server = await startServer({ config: pickupCenter(false) });
    const kiosk = await server.device('kiosk1');
    const refused = await send(kiosk, 'ticket:issue-result', { dossierCode: CODE, requestId: tap() });
    expect(refused).toMatchObject({ ok: false, code: 'NO_RESULT_SERVICE', message: 'Trung tâm chưa mở lĩnh vực trả kết quả tại kiosk. Ông/Bà vui lòng hỏi quầy hướng dẫn' });
  });

  it('the configuration takes at most one result-return service', () => {
    const base = pickupCenter();
    const two = CenterConfigSchema.safeParse({ ...base, services: base.services.map((s) => (s.code === 'HOTICH' ? { ...s, resultReturn: true } : s)) });
    expect(two.success).toBe(false);
    expect(two.error?.issues[0]?.message).toBe('chỉ một lĩnh vực được đánh dấu trả kết quả (đang có: HOTICH, TRAKQ)');
  });
});
