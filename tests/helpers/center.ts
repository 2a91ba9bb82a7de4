// A small center for server tests: few enough services to reason about by hand.
import { CenterConfigSchema } from '@core/config.ts';
import type { CenterConfig } from '@core/config.ts';

export const LOCAL = (isoLocal: string) => Date.parse(isoLocal + 'Z') - 7 * 3600_000;
/** Monday 2026-11-23, 09:00 in Asia/Ho_Chi_Minh. */
export const MONDAY_9AM = LOCAL('2026-11-23T09:00:00');

export function testCenterConfig(options: { counters?: number } = {}): CenterConfig {
  const extra = Math.max(0, (options.counters ?? 3) - 3);
  return CenterConfigSchema.parse({
    center: { nameVi: 'Trung tâm Phục vụ hành chính công tỉnh Thử nghiệm', nameEn: 'Test Provincial Center' },
    departments: [
      { code: 'STNMT', nameVi: 'Sở Tài nguyên và Môi trường', nameEn: 'Natural Resources and Environment' },
      { code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Justice' },
    ],
    services: [
      { code: 'DATDAI', departmentCode: 'STNMT', nameVi: 'Đất đai', nameEn: 'Land', prefix: 'A', targetWaitMin: 30 },
      { code: 'HOTICH', departmentCode: 'STP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'B' },
      { code: 'LLTP', departmentCode: 'STP', nameVi: 'Lý lịch tư pháp', nameEn: 'Judicial records', prefix: 'C', dailyCap: 2 },
      { code: 'CHIEU', departmentCode: 'STP', nameVi: 'Chứng thực buổi chiều', nameEn: 'Afternoon attestation', prefix: 'W', windows: [{ start: '13:00', end: '14:00' }] },
    ],
    counters: [
      { number: 1, nameVi: 'Quầy số 1', nameEn: 'Counter 1', zone: 'T1', services: [{ serviceCode: 'DATDAI', weight: 1 }] },
      { number: 2, nameVi: 'Quầy số 2', nameEn: 'Counter 2', zone: 'T1', services: [{ serviceCode: 'DATDAI', weight: 1 }, { serviceCode: 'HOTICH', weight: 1 }] },
      { number: 3, nameVi: 'Quầy số 3', nameEn: 'Counter 3', zone: 'T2', services: [{ serviceCode: 'HOTICH', weight: 1 }, { serviceCode: 'LLTP', weight: 1 }, { serviceCode: 'CHIEU', weight: 1 }] },
      ...Array.from({ length: extra }, (_, i) => ({
        number: 4 + i, nameVi: `Quầy số ${4 + i}`, nameEn: `Counter ${4 + i}`, zone: 'T2',
        services: [{ serviceCode: 'DATDAI', weight: 1 }, { serviceCode: 'HOTICH', weight: 1 }],
      })),
    ],
    priorityCategories: [{ code: 'elderly', nameVi: 'Người cao tuổi', nameEn: 'Elderly' }],
    routing: {},
  });
}
