// Zod's English reaching admin screens (issue 17): every schema without its own message answers
// in Vietnamese once useVietnameseZodMessages() ran, as the server and the apps do at start.
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useVietnameseZodMessages, vietnameseIssueMessage } from '@core/zod-vietnamese.ts';
import { AdminDisplayBodySchema, AdminServiceBodySchema, AdminVoiceBodySchema } from '@core/admin-protocol.ts';
import { CenterConfigSchema } from '@core/config.ts';
import { testCenterConfig } from '../helpers/center.ts';

const ENGLISH = /\b(too|big|small|expected|invalid|input|unrecognized|key|received|required|must|option)\b/i;

function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('zod answers in Vietnamese', () => {
  beforeAll(() => useVietnameseZodMessages());

  it('says the limit of a number, a text and a list the way an admin reads it', () => {
    expect(messages(z.number().int().min(80).max(260), 300)).toEqual(['tối đa là 260']);
    expect(messages(z.number().int().min(80).max(260), 10)).toEqual(['tối thiểu là 80']);
    expect(messages(z.number().int(), 1.5)).toEqual(['phải là số nguyên']);
    expect(messages(z.string().max(5), 'quá dài rồi')).toEqual(['dài tối đa 5 ký tự']);
    expect(messages(z.string().min(1), '')).toEqual(['không được để trống']);
    expect(messages(z.array(z.number()).max(1), [1, 2])).toEqual(['tối đa 1 mục']);
    expect(messages(z.object({ a: z.string() }), {})).toEqual(['thiếu thông tin bắt buộc']);
    expect(messages(z.strictObject({ a: z.string() }), { a: 'x', b: 1 })).toEqual(['có trường không được chấp nhận: b']);
    expect(messages(z.enum(['vi', 'en']), 'fr')).toEqual(['phải là một trong: “vi”, “en”']);
    expect(messages(z.union([z.string(), z.number()]), true)).toEqual(['không khớp với dạng nào được chấp nhận']);
    expect(messages(z.string().regex(/^A$/), 'B')).toEqual(['không đúng định dạng']);
  });

  it('no issue of the admin bodies reads in English', () => {
    const bad = [
      ...messages(AdminVoiceBodySchema, { engine: 'espeak', rate: 999, extra: true, repeat: 'twice' }),
      ...messages(AdminDisplayBodySchema, { nope: 1, theme: 12 }),
      ...messages(AdminServiceBodySchema, { code: '', prefix: 'a1', targetWaitMin: -1, other: 'x' }),
    ];
    expect(bad.length).toBeGreaterThan(4);
    for (const m of bad) expect(m, m).not.toMatch(ENGLISH);
  });

  it('a schema’s own message still wins', () => {
    expect(messages(z.string().min(8, 'mật khẩu tối thiểu 8 ký tự'), 'abc')).toEqual(['mật khẩu tối thiểu 8 ký tự']);
  });

  it('every issue code has a Vietnamese message', () => {
    for (const code of ['invalid_type', 'too_big', 'too_small', 'invalid_format', 'not_multiple_of', 'unrecognized_keys',
      'invalid_union', 'invalid_key', 'invalid_element', 'invalid_value', 'custom'] as const) {
      const issue = { code, input: 1, expected: 'string', origin: 'number', maximum: 1, minimum: 1, inclusive: true, format: 'email',
        divisor: 2, keys: ['x'], values: ['a', 'b'], errors: [], issues: [] } as unknown as Parameters<typeof vietnameseIssueMessage>[0];
      expect(vietnameseIssueMessage(issue), code).not.toMatch(ENGLISH);
    }
  });

  it('a duplicate prefix names both services, code and name', () => {
    const config = testCenterConfig();
    const clash = { ...config, services: config.services.map((s) => (s.code === 'HOTICH' ? { ...s, prefix: 'A' } : s)) };
    const found = messages(CenterConfigSchema, clash).join('\n');
    expect(found).toMatch(/lĩnh vực HOTICH “[^”]+”: tiền tố số thứ tự A trùng với lĩnh vực DATDAI “Đất đai”/);
  });
});
