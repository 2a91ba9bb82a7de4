// Demo data: a provincial Public Administration Service Center laid out the way such centers
// are after the 2025 reorganisation (merged departments, driving licences moved to the police).
// The address and all people are illustrative.
import type { CenterConfigInput } from '../../core/config.ts';

type Kind = 'department' | 'central';
type Window = { start: string; end: string };
interface Extra {
  dailyCap?: number;
  windows?: Window[];
  targetWaitMin?: number;
  /** The kiosk's "Nhận kết quả" issues tickets of this service. */
  resultReturn?: boolean;
}
/** [code suffix, ticket prefix, nameVi, nameEn, default service minutes, extras] */
type ServiceRow = [string, string, string, string, number, Extra?];
interface DepartmentRow {
  code: string;
  kind: Kind;
  nameVi: string;
  nameEn: string;
  services: ServiceRow[];
}

const DEPARTMENTS: DepartmentRow[] = [
  { code: 'TTPVHCC', kind: 'department', nameVi: 'Trung tâm Phục vụ hành chính công', nameEn: 'Public Administration Service Center', services: [
    ['TKQ', 'R', 'Trả kết quả', 'Result pick-up', 3, { targetWaitMin: 10, resultReturn: true, windows: [{ start: '07:00', end: '11:30' }, { start: '13:00', end: '17:00' }] }],
    ['TV', 'H', 'Tư vấn, hướng dẫn thủ tục', 'Guidance and advice', 5, { targetWaitMin: 15 }],
    ['DVC', 'TT', 'Hỗ trợ dịch vụ công trực tuyến', 'Online public services support', 10],
  ] },
  { code: 'SNNMT', kind: 'department', nameVi: 'Sở Nông nghiệp và Môi trường', nameEn: 'Department of Agriculture and Environment', services: [
    ['DD', 'A', 'Đất đai', 'Land', 15, { targetWaitMin: 30 }],
    ['MT', 'MT', 'Môi trường', 'Environment', 15],
    ['TNN', 'NU', 'Tài nguyên nước', 'Water resources', 12],
    ['KS', 'KS', 'Khoáng sản', 'Minerals', 15],
    ['LN', 'LN', 'Lâm nghiệp', 'Forestry', 10],
  ] },
  { code: 'STP', kind: 'department', nameVi: 'Sở Tư pháp', nameEn: 'Department of Justice', services: [
    ['HT', 'B', 'Hộ tịch', 'Civil status registration', 8],
    ['LLTP', 'L', 'Lý lịch tư pháp', 'Judicial records', 6, { dailyCap: 60 }],
    ['CC', 'CG', 'Công chứng', 'Notarisation', 12, { dailyCap: 40 }],
    ['QT', 'QT', 'Quốc tịch', 'Nationality', 15],
  ] },
  { code: 'STC', kind: 'department', nameVi: 'Sở Tài chính', nameEn: 'Department of Finance', services: [
    ['DN', 'D', 'Thành lập và hoạt động doanh nghiệp', 'Business registration', 12, { targetWaitMin: 25 }],
    ['HTX', 'HX', 'Thành lập và hoạt động hợp tác xã', 'Cooperative registration', 10],
    ['DT', 'DT', 'Đầu tư tại Việt Nam', 'Investment in Viet Nam', 20],
    ['CS', 'CS', 'Quản lý công sản', 'Public assets', 12],
  ] },
  { code: 'SXD', kind: 'department', nameVi: 'Sở Xây dựng', nameEn: 'Department of Construction', services: [
    ['HDXD', 'XD', 'Hoạt động xây dựng', 'Construction activities and permits', 15],
    ['QH', 'QH', 'Quy hoạch, kiến trúc', 'Planning and architecture', 15],
    ['NO', 'NO', 'Nhà ở và thị trường bất động sản', 'Housing and real estate', 12],
    ['DB', 'DB', 'Đường bộ', 'Road transport', 10],
  ] },
  { code: 'SCT', kind: 'department', nameVi: 'Sở Công Thương', nameEn: 'Department of Industry and Trade', services: [
    ['LTHH', 'LT', 'Lưu thông hàng hóa trong nước', 'Domestic trade', 10],
    ['DIEN', 'DE', 'Điện', 'Electricity', 12],
    ['HC', 'HC', 'Hóa chất, vật liệu nổ công nghiệp', 'Chemicals and industrial explosives', 12],
  ] },
  { code: 'SNV', kind: 'department', nameVi: 'Sở Nội vụ', nameEn: 'Department of Home Affairs', services: [
    ['VL', 'VL', 'Việc làm', 'Employment', 10],
    ['LD', 'LD', 'Lao động, tiền lương', 'Labour and wages', 10],
    ['NCC', 'NC', 'Người có công', 'People of meritorious service', 12],
    ['TDKT', 'TK', 'Thi đua, khen thưởng', 'Emulation and commendation', 10],
  ] },
  { code: 'SYT', kind: 'department', nameVi: 'Sở Y tế', nameEn: 'Department of Health', services: [
    ['KCB', 'YK', 'Khám bệnh, chữa bệnh', 'Medical examination and treatment', 15],
    ['DUOC', 'YD', 'Dược', 'Pharmacy', 12],
    ['ATTP', 'AT', 'An toàn thực phẩm', 'Food safety', 12],
    ['BTXH', 'BT', 'Bảo trợ xã hội', 'Social protection', 12],
  ] },
  { code: 'SGDDT', kind: 'department', nameVi: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training', services: [
    ['VB', 'VB', 'Văn bằng, chứng chỉ', 'Diplomas and certificates', 8],
    ['TS', 'TI', 'Thi, tuyển sinh', 'Examinations and admissions', 10],
    ['CSGD', 'GD', 'Cơ sở giáo dục', 'Educational institutions', 15],
  ] },
  { code: 'SVHTTDL', kind: 'department', nameVi: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: 'Department of Culture, Sports and Tourism', services: [
    ['VH', 'VH', 'Văn hóa', 'Culture', 12],
    ['DL', 'DU', 'Du lịch', 'Tourism', 12],
    ['BC', 'BC', 'Báo chí, xuất bản', 'Press and publishing', 10],
  ] },
  { code: 'SKHCN', kind: 'department', nameVi: 'Sở Khoa học và Công nghệ', nameEn: 'Department of Science and Technology', services: [
    ['TDC', 'DO', 'Tiêu chuẩn, đo lường, chất lượng', 'Standards, metrology and quality', 12],
    ['KHCN', 'KH', 'Hoạt động khoa học và công nghệ', 'Science and technology activities', 15],
    ['BCVT', 'VT', 'Bưu chính, viễn thông', 'Postal services and telecommunications', 12],
  ] },
  { code: 'SDTTG', kind: 'department', nameVi: 'Sở Dân tộc và Tôn giáo', nameEn: 'Department of Ethnic and Religious Affairs', services: [
    ['DT', 'DC', 'Công tác dân tộc', 'Ethnic affairs', 12],
    ['TG', 'TG', 'Tín ngưỡng, tôn giáo', 'Beliefs and religion', 12],
  ] },
  { code: 'SNGV', kind: 'department', nameVi: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs', services: [
    ['HNHT', 'HN', 'Hội nghị, hội thảo quốc tế', 'International conferences and workshops', 15],
    ['ABTC', 'AB', 'Thẻ đi lại của doanh nhân APEC', 'APEC Business Travel Cards', 12],
  ] },
  { code: 'TTR', kind: 'department', nameVi: 'Thanh tra tỉnh', nameEn: 'Provincial Inspectorate', services: [
    ['TCD', 'TC', 'Tiếp công dân', 'Citizen reception', 20],
    ['KNTC', 'KT', 'Giải quyết khiếu nại, tố cáo', 'Complaints and denunciations', 20],
  ] },
  { code: 'BQLKKT', kind: 'department', nameVi: 'Ban Quản lý Khu kinh tế tỉnh', nameEn: 'Provincial Economic Zone Authority', services: [
    ['DT', 'DA', 'Đầu tư trong khu kinh tế', 'Investment in the economic zone', 20],
    ['XD', 'KX', 'Xây dựng, môi trường trong khu kinh tế', 'Construction and environment in the economic zone', 15],
  ] },
  { code: 'CA', kind: 'central', nameVi: 'Công an tỉnh', nameEn: 'Provincial Police', services: [
    ['CC', 'C', 'Căn cước', 'Identity cards', 10, { targetWaitMin: 25 }],
    ['CT', 'CT', 'Cư trú', 'Residence registration', 8],
    ['XNC', 'X', 'Xuất nhập cảnh', 'Passports and immigration', 10, { dailyCap: 80, targetWaitMin: 30, windows: [{ start: '07:30', end: '11:00' }] }],
    ['GPLX', 'LX', 'Giấy phép lái xe', 'Driving licences', 8, { dailyCap: 100 }],
    ['DKX', 'DX', 'Đăng ký xe', 'Vehicle registration', 10],
  ] },
  { code: 'THUE', kind: 'central', nameVi: 'Thuế tỉnh', nameEn: 'Provincial Tax Office', services: [
    ['DK', 'DK', 'Đăng ký thuế', 'Tax registration', 8],
    ['HD', 'HD', 'Hóa đơn', 'Invoices', 8],
    ['KK', 'KK', 'Kê khai, nộp thuế', 'Tax returns and payment', 10],
    ['DD', 'ND', 'Nghĩa vụ tài chính về đất đai', 'Land-related tax obligations', 12],
  ] },
  { code: 'BHXH', kind: 'central', nameVi: 'Bảo hiểm xã hội tỉnh', nameEn: 'Provincial Social Security', services: [
    ['THU', 'S', 'Thu, cấp sổ BHXH, thẻ BHYT', 'Contributions, social insurance books, health insurance cards', 8],
    ['CD', 'CD', 'Chế độ BHXH', 'Social insurance benefits', 12],
    ['GD', 'YT', 'Giám định, thanh toán BHYT', 'Health insurance assessment and reimbursement', 10],
  ] },
  { code: 'KBNN', kind: 'central', nameVi: 'Kho bạc Nhà nước', nameEn: 'State Treasury', services: [
    ['TK', 'KN', 'Mở và sử dụng tài khoản', 'Opening and using accounts', 10],
    ['KSC', 'KC', 'Kiểm soát chi ngân sách', 'Budget expenditure control', 10],
  ] },
  { code: 'DL', kind: 'central', nameVi: 'Công ty Điện lực Lai Châu', nameEn: 'Lai Chau Power Company', services: [
    ['CD', 'DI', 'Cấp điện mới', 'New electricity connections', 10],
    ['HD', 'DV', 'Thay đổi hợp đồng mua bán điện', 'Electricity contract changes', 8],
  ] },
  { code: 'BD', kind: 'central', nameVi: 'Bưu điện tỉnh', nameEn: 'Provincial Post Office', services: [
    ['CP', 'BD', 'Chuyển phát hồ sơ, kết quả', 'Postal delivery of applications and results', 5],
    ['TP', 'TP', 'Thu hộ phí, lệ phí', 'Collection of fees and charges', 5],
  ] },
];

/** Counters: [number, zone, {service code: weight}] — main service 3, secondary 1 (2 for a co-main). */
const COUNTERS: [number, string, Record<string, number>][] = [
  // Tầng 1, khu A: trả kết quả, đất đai, tư pháp, doanh nghiệp
  [1, 'T1-A', { 'TTPVHCC.TKQ': 3, 'TTPVHCC.TV': 1 }],
  [2, 'T1-A', { 'TTPVHCC.TKQ': 3, 'TTPVHCC.DVC': 1 }],
  [3, 'T1-A', { 'TTPVHCC.TV': 3, 'TTPVHCC.DVC': 2, 'TTPVHCC.TKQ': 1 }],
  [4, 'T1-A', { 'SNNMT.DD': 3 }],
  [5, 'T1-A', { 'SNNMT.DD': 3, 'SNNMT.TNN': 1 }],
  [6, 'T1-A', { 'SNNMT.MT': 3, 'SNNMT.KS': 1, 'SNNMT.LN': 1, 'SNNMT.DD': 1 }],
  [7, 'T1-A', { 'STP.HT': 3, 'STP.QT': 1, 'STP.CC': 1 }],
  [8, 'T1-A', { 'STP.LLTP': 3, 'STP.HT': 1 }],
  [9, 'T1-A', { 'STC.DN': 3, 'STC.HTX': 1 }],
  [10, 'T1-A', { 'STC.DN': 3, 'STC.DT': 1, 'STC.CS': 1 }],
  // Tầng 1, khu B: cơ quan ngành dọc
  [11, 'T1-B', { 'CA.CC': 3, 'CA.CT': 1 }],
  [12, 'T1-B', { 'CA.CT': 3, 'CA.CC': 1 }],
  [13, 'T1-B', { 'CA.XNC': 3, 'CA.CC': 1 }],
  [14, 'T1-B', { 'CA.GPLX': 3, 'CA.DKX': 2 }],
  [15, 'T1-B', { 'THUE.DK': 3, 'THUE.HD': 1, 'THUE.KK': 1 }],
  [16, 'T1-B', { 'THUE.DD': 3, 'THUE.KK': 1, 'KBNN.TK': 1, 'KBNN.KSC': 1 }],
  [17, 'T1-B', { 'BHXH.THU': 3, 'BHXH.GD': 1 }],
  [18, 'T1-B', { 'BHXH.CD': 3, 'BHXH.THU': 1 }],
  [19, 'T1-B', { 'DL.CD': 3, 'DL.HD': 1, 'BD.CP': 1, 'BD.TP': 1 }],
  // Tầng 2: các sở, ngành khác
  [20, 'T2', { 'SXD.HDXD': 3, 'SXD.QH': 1, 'SXD.NO': 1 }],
  [21, 'T2', { 'SXD.DB': 3, 'SXD.NO': 1, 'SXD.HDXD': 1 }],
  [22, 'T2', { 'SCT.LTHH': 3, 'SCT.DIEN': 1, 'SCT.HC': 1 }],
  [23, 'T2', { 'SNV.VL': 3, 'SNV.LD': 1, 'SNV.TDKT': 1 }],
  [24, 'T2', { 'SNV.NCC': 3, 'SYT.BTXH': 1 }],
  [25, 'T2', { 'SYT.KCB': 3, 'SYT.DUOC': 1, 'SYT.ATTP': 1, 'SYT.BTXH': 1 }],
  [26, 'T2', { 'SGDDT.VB': 3, 'SGDDT.TS': 1, 'SGDDT.CSGD': 1 }],
  [27, 'T2', { 'SVHTTDL.VH': 3, 'SVHTTDL.DL': 1, 'SVHTTDL.BC': 1 }],
  [28, 'T2', { 'SKHCN.TDC': 3, 'SKHCN.KHCN': 1, 'SKHCN.BCVT': 1 }],
  [29, 'T2', { 'BQLKKT.DT': 3, 'BQLKKT.XD': 1, 'SNGV.HNHT': 1, 'SNGV.ABTC': 1 }],
  [30, 'T2', { 'SDTTG.DT': 3, 'SDTTG.TG': 1, 'TTR.TCD': 1, 'TTR.KNTC': 1 }],
];

/** Who is served first by law and practice (Luật Người cao tuổi, Luật Người khuyết tật…). */
export const PRIORITY_CATEGORIES = [
  { code: 'elderly', nameVi: 'Người cao tuổi (từ 75 tuổi)', nameEn: 'Elderly (75+)' },
  { code: 'disabled', nameVi: 'Người khuyết tật', nameEn: 'People with disabilities' },
  { code: 'pregnant', nameVi: 'Phụ nữ mang thai', nameEn: 'Pregnant women' },
  { code: 'small-child', nameVi: 'Người mang theo con nhỏ dưới 36 tháng tuổi', nameEn: 'Carrying a child under 36 months' },
  { code: 'merit', nameVi: 'Người có công với cách mạng, thương binh', nameEn: 'War invalids and people of meritorious service' },
];

export function demoCenterConfig(): CenterConfigInput {
  return {
    center: {
      nameVi: 'Trung tâm Phục vụ hành chính công tỉnh Lai Châu',
      nameEn: 'Lai Chau Provincial Public Administration Service Center',
      address: 'Đường Trần Hưng Đạo, phường Tân Phong, tỉnh Lai Châu',
      publicUrl: null,
      workingDays: [1, 2, 3, 4, 5],
      defaultWindows: [
        { start: '07:00', end: '11:30' },
        { start: '13:00', end: '16:30' },
      ],
      holidays: [],
      enforceWindows: true,
    },
    departments: DEPARTMENTS.map((d, i) => ({ code: d.code, nameVi: d.nameVi, nameEn: d.nameEn, kind: d.kind, order: i + 1 })),
    services: DEPARTMENTS.flatMap((d) =>
      d.services.map(([suffix, prefix, nameVi, nameEn, defaultServiceMin, extra = {}], i) => ({
        code: `${d.code}.${suffix}`,
        departmentCode: d.code,
        nameVi,
        nameEn,
        prefix,
        dailyCap: extra.dailyCap ?? null,
        windows: extra.windows ?? null,
        targetWaitMin: extra.targetWaitMin ?? 20,
        defaultServiceMin,
        order: i + 1,
        active: true,
        resultReturn: extra.resultReturn ?? false,
      })),
    ),
    counters: COUNTERS.map(([number, zone, services]) => ({
      number,
      nameVi: `Quầy số ${number}`,
      nameEn: `Counter ${number}`,
      zone,
      services: Object.entries(services).map(([serviceCode, weight]) => ({ serviceCode, weight })),
      // Officer i works at counter i (demoOfficers below).
      defaultOfficer: `canbo${String(number).padStart(2, '0')}`,
    })),
    priorityCategories: PRIORITY_CATEGORIES,
    routing: { normalPerPriority: 2, maxWaitRule: true, transferPlacement: 'keep-wait' },
    // A scanned ID card of someone 75 or older is served as "Người cao tuổi (từ 75 tuổi)".
    kiosk: { agePriority: { minAge: 75, category: 'elderly' } },
  };
}

export interface DemoOfficer {
  username: string;
  displayName: string;
  counter: number;
}

/** Officer i (1-based) works at counter i. */
const OFFICER_NAMES = [
  'Nguyễn Thị Hồng Nhung', 'Trần Văn Minh', 'Lê Thị Thanh Huyền', 'Phạm Quốc Tuấn', 'Hoàng Thị Mai Anh',
  'Vũ Đức Thắng', 'Đặng Thị Ngọc Lan', 'Bùi Văn Hùng', 'Đỗ Thị Phương Thảo', 'Hồ Minh Khoa',
  'Ngô Thị Thu Trang', 'Dương Văn Long', 'Lý Thị Kim Oanh', 'Nguyễn Đức Anh', 'Trần Thị Bích Ngọc',
  'Lê Hoàng Nam', 'Phạm Thị Hải Yến', 'Hoàng Văn Quân', 'Vũ Thị Lan Hương', 'Đặng Quang Huy',
  'Bùi Thị Thu Hằng', 'Đỗ Mạnh Cường', 'Hồ Thị Ánh Tuyết', 'Ngô Văn Đạt', 'Dương Thị Thanh Tâm',
  'Tòng Thị Xuân', 'Nguyễn Thị Lệ Quyên', 'Trần Đình Phúc', 'Lê Thị Minh Châu', 'Lò Văn Hải',
];

export function demoOfficers(): DemoOfficer[] {
  return OFFICER_NAMES.map((displayName, i) => ({
    username: `canbo${String(i + 1).padStart(2, '0')}`,
    displayName,
    counter: i + 1,
  }));
}

export function demoManagers(): { username: string; displayName: string }[] {
  // Giám đốc Trung tâm
  return [{ username: 'quanly', displayName: 'Phạm Thị Thu Hà' }];
}
