// The starting point of a real center (first start with DEMO=0): the smallest valid configuration
// — one department, one service, one counter, each meant to be renamed or replaced — plus the
// legal priority categories, so the IT person builds the center in /manager → Quản trị instead of
// first deleting a demo.
import type { CenterConfigInput } from '@core/config.ts';
import { PRIORITY_CATEGORIES } from './demo-center.ts';

export function blankCenterConfig(): CenterConfigInput {
  return {
    center: {
      nameVi: 'Trung tâm Phục vụ hành chính công',
      nameEn: 'Public Administration Service Center',
      address: '',
      publicUrl: null,
      workingDays: [1, 2, 3, 4, 5],
      defaultWindows: [{ start: '07:00', end: '11:30' }, { start: '13:00', end: '16:30' }],
      holidays: [],
      enforceWindows: true,
    },
    departments: [{ code: 'VP', nameVi: 'Văn phòng Trung tâm', nameEn: 'Center office', kind: 'department', order: 1 }],
    services: [{ code: 'TIEPNHAN', departmentCode: 'VP', nameVi: 'Tiếp nhận hồ sơ chung', nameEn: 'General reception', prefix: 'A', order: 1 }],
    counters: [{ number: 1, nameVi: 'Quầy số 1', nameEn: 'Counter 1', zone: 'A', services: [{ serviceCode: 'TIEPNHAN', weight: 1 }] }],
    priorityCategories: PRIORITY_CATEGORIES,
    routing: { normalPerPriority: 2, maxWaitRule: true, transferPlacement: 'keep-wait' },
  };
}
