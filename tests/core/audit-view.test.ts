// The audit log as an admin reads it (issue 17): actions in words, before/after as a short diff.
import { describe, expect, it } from 'vitest';
import { auditActionText, auditChanges } from '@core/audit-view.ts';
import { ui } from '@core/text/index.ts';

const land = { code: 'DATDAI', departmentCode: 'STNMT', nameVi: 'Đất đai', nameEn: 'Land', prefix: 'A', targetWaitMin: 30, windows: null };

describe('audit view', () => {
  it('names the action: a rename, a change, an addition, a removal', () => {
    expect(auditActionText({ action: 'service:put', before: land, after: { ...land, nameVi: 'Đất đai và nhà ở' } }).vi).toBe('Đổi tên lĩnh vực');
    expect(auditActionText({ action: 'service:put', before: land, after: { ...land, prefix: 'K' } }).vi).toBe('Sửa lĩnh vực');
    expect(auditActionText({ action: 'service:put', before: null, after: land }).vi).toBe('Thêm lĩnh vực');
    expect(auditActionText({ action: 'service:delete', before: land, after: null }).vi).toBe('Xóa lĩnh vực');
    expect(auditActionText({ action: 'counter:put', before: { number: 3, nameVi: 'Quầy 3' }, after: { number: 3, nameVi: 'Quầy số 3' } }).vi).toBe('Đổi tên quầy');
    expect(auditActionText({ action: 'user:disable', before: null, after: null }).vi).toBe('Khóa người dùng');
    // Something new still shows, by its code.
    expect(auditActionText({ action: 'future:thing', before: null, after: null }).vi).toBe('future:thing');
  });

  it('every action the server records has words', () => {
    const recorded = ['service:put', 'service:delete', 'department:put', 'department:delete', 'counter:put', 'counter:delete', 'center:put', 'logo:put',
      'voice:put', 'display:put', 'kiosk:put', 'printers:put', 'printer:test', 'priority:put', 'rating:put', 'procedures:put', 'synonyms:put', 'notice:put',
      'config:put', 'queue:move-waiting', 'user:create', 'user:update', 'user:disable', 'user:password', 'device:create', 'device:reissue',
      'device:revoke', 'backup:download', 'backup:restore'];
    for (const action of recorded) expect(Object.keys(ui.adminAudit.actions), action).toContain(action);
  });

  it('before/after is the list of fields that changed, short', () => {
    expect(auditChanges(land, { ...land, prefix: 'K', targetWaitMin: 20 })).toEqual([
      { path: 'prefix', before: 'A', after: 'K' },
      { path: 'targetWaitMin', before: '30', after: '20' },
    ]);
    const counter = { number: 3, services: [{ serviceCode: 'DATDAI', weight: 1 }, { serviceCode: 'HOTICH', weight: 1 }] };
    expect(auditChanges(counter, { ...counter, services: [{ serviceCode: 'DATDAI', weight: 1 }, { serviceCode: 'HOTICH', weight: 3 }] }))
      .toEqual([{ path: 'services.1.weight', before: '1', after: '3' }]);
    expect(auditChanges(null, { code: 'X' })).toEqual([{ path: 'code', before: '–', after: 'X' }]);
    expect(auditChanges({ notice: 'x'.repeat(200) }, { notice: '' })[0]!.before).toHaveLength(60);
    expect(auditChanges(land, land)).toEqual([]);
  });
});
