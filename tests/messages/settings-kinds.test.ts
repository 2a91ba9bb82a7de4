// A settings file written before the `booking-cancelled` kind existed still reads (sending is not
// turned off by an upgrade): the new kind gets its default template, on for the SMS gateway, off
// for ZNS until the admin gives it an approved template_id (else every save would be refused).
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '@core/messages/templates.ts';
import { MessageSettings, settingsProblems } from '@core/messages/settings.ts';

const old = (provider: 'sms' | 'zns') => ({
  enabled: true, provider,
  kinds: { 'booking-confirmation': true, 'booking-reminder': true, 'near-turn': true, call: true },
  templates: { 'booking-confirmation': 'Mã {code}', 'booking-reminder': 'Lúc {time}', 'near-turn': 'Số {number}', call: 'Quầy {counter}' },
  sms: { url: 'http://127.0.0.1:9/sms' },
  zns: { accessToken: 'token', templates: Object.fromEntries(['booking-confirmation', 'booking-reminder', 'near-turn', 'call'].map((k, i) => [k, { templateId: String(300001 + i), data: {} }])) },
});

describe('message settings written before booking cancellations were sent', () => {
  it('SMS: read with the cancellation on and its default template; ZNS: read with it off and savable', () => {
    const sms = MessageSettings.parse(old('sms'));
    expect(sms.kinds['booking-cancelled']).toBe(true);
    expect(sms.templates['booking-cancelled']).toBe(DEFAULT_TEMPLATES['booking-cancelled']);
    expect(sms.templates.call).toBe('Quầy {counter}');
    const zns = MessageSettings.parse(old('zns'));
    expect(zns.kinds['booking-cancelled']).toBe(false);
    expect(zns.zns.templates['booking-cancelled']).toEqual({ templateId: '', data: {} });
    expect(settingsProblems(zns)).toEqual([]);
  });

  it('the default cancellation text addresses the citizen as Ông/Bà and names the code', () => {
    expect(DEFAULT_TEMPLATES['booking-cancelled']).toMatch(/Ông\/Bà/);
    expect(DEFAULT_TEMPLATES['booking-cancelled']).toContain('{code}');
  });
});

describe('an admin body written before the cancellation kind', () => {
  it('is accepted: the missing kind takes its default', async () => {
    const { MessageSettingsBody } = await import('@core/messages/settings.ts');
    const body = { ...old('sms'), withoutDiacritics: false, nearTurnAhead: 3, reminderHoursBefore: 24,
      sms: { ...MessageSettings.parse({}).sms, url: 'http://127.0.0.1:9/sms' }, zns: { ...MessageSettings.parse({}).zns, templates: old('zns').zns.templates } };
    delete (body.sms as { authValue?: string }).authValue;
    const parsed = MessageSettingsBody.safeParse(body);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.kinds['booking-cancelled']).toBe(true);
    expect(parsed.data?.templates['booking-cancelled']).toBe(DEFAULT_TEMPLATES['booking-cancelled']);
  });
});
