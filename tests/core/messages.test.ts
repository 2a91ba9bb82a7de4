// The pure side of the messages: templates and their checks, no-diacritics text and how SMS
// gateways count it, phone numbers, the settings' refusals, and which ticket is near its turn.
import { describe, expect, it } from 'vitest';
import { indexConfig } from '@core/config.ts';
import { apply } from '@core/engine.ts';
import { nearTurnDue } from '@core/messages/compose.ts';
import { internationalPhone, maskPhone, maskPhonesIn, normalisePhone } from '@core/messages/phone.ts';
import { DEFAULT_MESSAGE_SETTINGS, MessageSettings, settingsProblems } from '@core/messages/settings.ts';
import { DEFAULT_TEMPLATES, fillTemplate, MESSAGE_KINDS, messageTemplateProblems, smsParts, withoutDiacritics } from '@core/messages/templates.ts';
import type { DayState } from '@core/ticket.ts';
import { emptyDay } from '@core/ticket.ts';
import { MONDAY_9AM, testCenterConfig } from '../helpers/center.ts';

describe('templates', () => {
  it('the defaults pass their own checks; fill leaves no brace behind', () => {
    for (const k of MESSAGE_KINDS) expect(messageTemplateProblems(k, DEFAULT_TEMPLATES[k])).toEqual([]);
    expect(fillTemplate(DEFAULT_TEMPLATES.call, { number: 'A-012', counter: '3' })).toBe('Mời Ông/Bà số A-012 đến quầy số 3.');
    expect(fillTemplate('{number} {missing}', { number: 'A-1' })).toBe('A-1 ');
  });

  it('refuses unknown placeholders, a missing required one, lone braces, an empty template — in Vietnamese', () => {
    expect(messageTemplateProblems('call', 'Mời số {so} đến quầy {counter}')).toEqual([
      'Mẫu «Mời vào quầy» dùng biến không có: {so}. Các biến dùng được: {number}, {counter}, {service}, {center}',
    ]);
    expect(messageTemplateProblems('booking-confirmation', 'Đã đặt lịch lúc {time}')).toEqual(['Mẫu «Xác nhận đặt lịch» thiếu biến bắt buộc: {code}']);
    expect(messageTemplateProblems('call', 'Mời {number đến quầy {counter}')).toEqual(['Mẫu «Mời vào quầy» có dấu { hoặc } không thành cặp']);
    expect(messageTemplateProblems('near-turn', '  ')).toEqual(['Mẫu «Sắp đến lượt» đang để trống']);
  });

  it('without diacritics: đ → d, tones gone; an SMS of it counts as GSM', () => {
    const text = withoutDiacritics('Mời Ông/Bà số A-012 đến quầy số 3. Đăng ký hộ tịch');
    expect(text).toBe('Moi Ong/Ba so A-012 den quay so 3. Dang ky ho tich');
    expect(smsParts(text)).toEqual({ encoding: 'gsm', chars: text.length, parts: 1 });
    expect(smsParts('Mời Ông/Bà số A-012 đến quầy số 3. '.repeat(3))).toEqual({ encoding: 'unicode', chars: 105, parts: 2 });
    expect(smsParts('x'.repeat(161))).toEqual({ encoding: 'gsm', chars: 161, parts: 2 });
  });
});

describe('phone numbers', () => {
  it('normalised to 0xxxxxxxxx, sent as 84…, masked in logs', () => {
    expect(normalisePhone('+84 912.345.678')).toBe('0912345678');
    expect(normalisePhone('84912345678')).toBe('0912345678');
    expect(normalisePhone('0212345678')).toBeNull(); // a landline
    expect(normalisePhone('091234567')).toBeNull();
    expect(internationalPhone('0912345678')).toBe('84912345678');
    expect(maskPhone('0912345678')).toBe('091*****78');
    expect(maskPhonesIn('invalid phone 84912345678 here')).toBe('invalid phone 849******78 here');
  });
});

describe('settings', () => {
  it('off by default; turning on needs a provider and what it needs', () => {
    expect(DEFAULT_MESSAGE_SETTINGS).toMatchObject({ enabled: false, provider: null, nearTurnAhead: 3 });
    expect(settingsProblems(DEFAULT_MESSAGE_SETTINGS)).toEqual([]);
    const on = MessageSettings.parse({ enabled: true, provider: 'zns' });
    expect(settingsProblems(on).map((p) => p.message)).toEqual([
      'Hãy nhập access token của Zalo OA trước khi bật gửi tin ZNS',
      'Loại tin «Xác nhận đặt lịch» đang bật nhưng chưa có template_id ZNS',
      'Loại tin «Nhắc lịch hẹn» đang bật nhưng chưa có template_id ZNS',
      'Loại tin «Hủy lịch hẹn» đang bật nhưng chưa có template_id ZNS',
      'Loại tin «Sắp đến lượt» đang bật nhưng chưa có template_id ZNS',
      'Loại tin «Mời vào quầy» đang bật nhưng chưa có template_id ZNS',
    ]);
    const sms = MessageSettings.parse({ enabled: true, provider: 'sms', sms: { url: 'https://sms.example.vn/send?to={phone}&msg={txt}', bodyTemplate: '{"a":1}' } });
    expect(settingsProblems(sms).map((p) => p.message)).toEqual([
      'Địa chỉ cổng SMS dùng biến không có: {txt}. Các biến dùng được: {phone}, {text}, {key}',
      'Cổng SMS cần biến {text} trong địa chỉ hoặc nội dung gửi đi',
    ]);
    const zns = MessageSettings.parse({ zns: { templates: { call: { templateId: '1', data: { quay: '{quầy}' } } } } });
    expect(settingsProblems(zns).map((p) => p.message)).toEqual([
      'Mẫu «tham số ZNS quay của «Mời vào quầy»» dùng biến không có: {quầy}. Các biến dùng được: {number}, {counter}, {service}, {center}',
    ]);
  });
});

describe('near its turn', () => {
  it('between 1 and the threshold ahead, in the services that moved, not yet sent', () => {
    const index = indexConfig(testCenterConfig());
    let state: DayState = emptyDay('2026-11-23');
    const phones = ['0900000001', null, '0900000003', '0900000004', '0900000005'];
    phones.forEach((phone, i) => {
      const r = apply(state, index, { type: 'issue', id: `t${i}-aaaaaaaaaaaaaaaa`, serviceCode: 'DATDAI', priority: null, source: { kind: 'kiosk', deviceId: null, requestId: null }, phone }, MONDAY_9AM + i);
      if (!r.ok) throw new Error(r.code);
      state = r.state;
    });
    const due = (sent: string[] = []) => nearTurnDue(state, 3, new Set(['DATDAI']), (k) => sent.includes(k)).map((d) => [d.ticket.number, d.ahead]);
    expect(due()).toEqual([['A-003', 2], ['A-004', 3]]); // A-001 is next (0 ahead); A-005 has 4
    expect(due(['near-turn:t2-aaaaaaaaaaaaaaaa#0'])).toEqual([['A-004', 3]]);
    expect(nearTurnDue(state, 3, new Set(['HOTICH']), () => false)).toEqual([]);
  });
});
