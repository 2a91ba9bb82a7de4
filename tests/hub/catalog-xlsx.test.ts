// The province catalog as a workbook (core/hub-catalog-sheets.ts, hub/catalog-xlsx.ts), on real
// .xlsx files written and read by exceljs: a catalog goes out and comes back equal; a manager's
// edits (columns reordered, a notes column, numbers typed as text, Vietnamese yes/no) are read; a bad
// cell is named by sheet, row and column; a workbook that is not one, a missing sheet or column too.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ProvinceCatalogSchema } from '@core/hub-catalog.ts';
import type { ProvinceCatalog } from '@core/hub-catalog.ts';
import { problemText, sheetsToCatalog } from '@core/hub-catalog-sheets.ts';
import { catalogWorkbook, readCatalogWorkbook } from '../../hub/catalog-xlsx.ts';

const CATALOG: ProvinceCatalog = ProvinceCatalogSchema.parse({
  departments: [
    { code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Department of Justice', order: 1 },
    { code: 'CA', nameVi: 'Công an tỉnh', nameEn: 'Provincial Police', kind: 'central', order: 2 },
  ],
  services: [
    { code: 'HOTICH', departmentCode: 'STP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'B', targetWaitMin: 25, defaultServiceMin: 7.5, order: 0 },
    { code: 'CU-TRU', departmentCode: 'CA', nameVi: 'Cư trú', nameEn: 'Residence', prefix: 'CT', active: false },
    { code: '01', departmentCode: 'CA', nameVi: '-Thử: tên bắt đầu bằng dấu trừ', nameEn: '=not a formula', prefix: 'Z' },
  ],
  procedures: [
    { code: '1.001234', name: 'Đăng ký khai sinh', serviceCode: 'HOTICH', departmentCode: 'STP' },
    { code: '2.000987', name: 'Đăng ký thường trú', serviceCode: 'CU-TRU', departmentCode: 'CA' },
  ],
  synonyms: [
    { terms: ['khai sinh', 'giấy khai sinh', 'lam giay khai sinh'], expansion: 'đăng ký khai sinh', targets: ['1.001234', 'HOTICH'] },
    { terms: ['xin'], expansion: '', targets: [] },
  ],
  ratingReasons: [{ code: 'cho-lau', nameVi: 'Chờ lâu', nameEn: 'Long wait' }],
});
const VERSION = { version: 4, catalog: CATALOG, publishedAt: '2026-12-01T03:00:00.000Z', publishedBy: 'admin' };

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return book;
}
async function save(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}
async function problemOf(bytes: Buffer): Promise<string> {
  const r = await readCatalogWorkbook(bytes);
  if (r.ok) throw new Error('expected a problem');
  return problemText(r.problem, 'vi');
}

describe('the catalog workbook', () => {
  it('has one sheet per part with Vietnamese headers, one row per item, lists joined with "; "', async () => {
    const book = await load(await catalogWorkbook(VERSION));
    expect(book.worksheets.map((w) => w.name)).toEqual(['Giới thiệu', 'Sở, ngành', 'Lĩnh vực', 'Thủ tục', 'Từ đồng nghĩa', 'Lý do đánh giá']);
    expect(book.getWorksheet('Giới thiệu')!.getCell('A1').value).toBe('Danh mục dùng chung của tỉnh, phiên bản 4, xuất bản 01/12/2026 10:00:00 bởi admin');
    const services = book.getWorksheet('Lĩnh vực')!;
    expect(services.getRow(1).values).toEqual([undefined, 'Mã lĩnh vực', 'Mã sở, ngành', 'Tên tiếng Việt', 'Tên tiếng Anh', 'Chữ đầu số',
      'Thời gian chờ tối đa (phút)', 'Thời gian phục vụ dự kiến (phút)', 'Thứ tự', 'Đang dùng']);
    expect(services.getRow(2).values).toEqual([undefined, 'HOTICH', 'STP', 'Hộ tịch', 'Civil status', 'B', 25, 7.5, 0, 'có']);
    expect(services.getRow(3).values).toEqual([undefined, 'CU-TRU', 'CA', 'Cư trú', 'Residence', 'CT', 20, 8, 0, 'không']);
    expect(services.rowCount).toBe(4);
    expect(book.getWorksheet('Sở, ngành')!.getRow(3).values).toEqual([undefined, 'CA', 'Công an tỉnh', 'Provincial Police', 'trung ương', 2]);
    expect(book.getWorksheet('Từ đồng nghĩa')!.getRow(2).values).toEqual([undefined, 'khai sinh; giấy khai sinh; lam giay khai sinh', 'đăng ký khai sinh', '1.001234; HOTICH']);
    expect(book.getWorksheet('Thủ tục')!.rowCount).toBe(3);
  });

  it('comes back equal, written and read again by exceljs', async () => {
    const once = await readCatalogWorkbook(await catalogWorkbook(VERSION));
    expect(once).toEqual({ ok: true, catalog: CATALOG });
    // Opened and saved again (as a spreadsheet program would), still equal.
    const again = await readCatalogWorkbook(await save(await load(await catalogWorkbook(VERSION))));
    expect(again).toEqual({ ok: true, catalog: CATALOG });
    // The template of a hub with no version reads as an empty catalog.
    expect(await readCatalogWorkbook(await catalogWorkbook(null))).toEqual({ ok: true, catalog: { departments: [], services: [], procedures: [], synonyms: [], ratingReasons: [] } });
  });

  it('reads a manager’s edits: columns moved, a notes column, numbers as text, blank rows, yes/no in words', async () => {
    const book = await load(await catalogWorkbook(VERSION));
    const ws = book.getWorksheet('Lĩnh vực')!;
    ws.spliceColumns(1, 0, ['Ghi chú', 'cũ', '', 'mới']);
    ws.getCell('G2').value = '30';
    ws.getCell('H2').value = '6,5';
    ws.getCell('J3').value = 'Có';
    ws.spliceRows(3, 0, []);
    ws.addRow(['thêm', 'THUE', 'STP', 'Thuế', 'Tax', 'T']);
    const r = await readCatalogWorkbook(await save(book));
    if (!r.ok) throw new Error(problemText(r.problem, 'vi'));
    expect(r.catalog.services.map((s) => [s.code, s.targetWaitMin, s.defaultServiceMin, s.active])).toEqual([
      ['HOTICH', 30, 6.5, true], ['CU-TRU', 20, 8, true], ['01', 20, 8, true], ['THUE', 20, 8, true],
    ]);
  });

  it('names the sheet, the row and the column of a bad cell, in Vietnamese and in English', async () => {
    const book = await load(await catalogWorkbook(VERSION));
    const ws = book.getWorksheet('Lĩnh vực')!;
    ws.addRow(['MOI', 'STP', 'Mới', 'New', 'M']);
    ws.addRow(['KHAC', 'SXD', 'Xây dựng', 'Construction', 'X']);
    const bytes = await save(book);
    expect(await problemOf(bytes)).toBe("Trang 'Lĩnh vực', dòng 6, cột 'Mã sở, ngành': không có sở, ngành SXD");
    const r = await readCatalogWorkbook(bytes);
    expect(!r.ok && problemText(r.problem, 'en')).toBe("Sheet 'Lĩnh vực', row 6, column 'Mã sở, ngành': không có sở, ngành SXD");

    const dup = await load(await catalogWorkbook(VERSION));
    dup.getWorksheet('Thủ tục')!.addRow(['1.001234', 'Trùng', 'HOTICH', 'STP']);
    expect(await problemOf(await save(dup))).toBe("Trang 'Thủ tục', dòng 4, cột 'Mã thủ tục': mã thủ tục bị trùng: 1.001234");

    const letter = await load(await catalogWorkbook(VERSION));
    letter.getWorksheet('Lĩnh vực')!.getCell('E3').value = 'cư';
    expect(await problemOf(await save(letter))).toBe("Trang 'Lĩnh vực', dòng 3, cột 'Chữ đầu số': không đúng định dạng");

    const blank = await load(await catalogWorkbook(VERSION));
    blank.getWorksheet('Lý do đánh giá')!.getCell('B2').value = null;
    expect(await problemOf(await save(blank))).toBe("Trang 'Lý do đánh giá', dòng 2, cột 'Tên tiếng Việt': thiếu thông tin bắt buộc");

    const words = await load(await catalogWorkbook(VERSION));
    words.getWorksheet('Lĩnh vực')!.getCell('F2').value = 'hai mươi';
    words.getWorksheet('Sở, ngành')!.getCell('D2').value = 'tỉnh';
    expect(await problemOf(await save(words))).toBe("Trang 'Sở, ngành', dòng 2, cột 'Loại cơ quan': chỉ nhận 'sở, ngành' hoặc 'trung ương'");
    words.getWorksheet('Sở, ngành')!.getCell('D2').value = null;
    expect(await problemOf(await save(words))).toBe("Trang 'Lĩnh vực', dòng 2, cột 'Thời gian chờ tối đa (phút)': phải là số");
  });

  it('refuses a file that is not a workbook, a missing sheet and a missing column', async () => {
    expect(await problemOf(Buffer.from('{"departments": []}'))).toBe('Tệp không phải bảng tính Excel (.xlsx) đọc được');
    const book = await load(await catalogWorkbook(VERSION));
    book.removeWorksheet(book.getWorksheet('Từ đồng nghĩa')!.id);
    expect(await problemOf(await save(book))).toBe("Tệp thiếu trang 'Từ đồng nghĩa'");
    const cols = await load(await catalogWorkbook(VERSION));
    cols.getWorksheet('Thủ tục')!.spliceColumns(3, 1);
    expect(await problemOf(await save(cols))).toBe("Trang 'Thủ tục' thiếu cột 'Mã lĩnh vực'");
    // Missing optional columns take the schema's defaults.
    const opt = sheetsToCatalog(new Map([
      ['Sở, ngành', [{ number: 1, cells: ['Mã sở, ngành', 'Tên tiếng Việt', 'Tên tiếng Anh'] }, { number: 2, cells: ['STP', 'Sở Tư pháp', 'Justice'] }]],
      ['Lĩnh vực', [{ number: 1, cells: ['Mã lĩnh vực', 'Mã sở, ngành', 'Tên tiếng Việt', 'Tên tiếng Anh', 'Chữ đầu số'] }]],
      ['Thủ tục', [{ number: 1, cells: ['Mã thủ tục', 'Tên thủ tục', 'Mã lĩnh vực', 'Mã sở, ngành'] }]],
      ['Từ đồng nghĩa', [{ number: 1, cells: ['Từ người dân dùng', 'Từ trong danh mục'] }]],
      ['Lý do đánh giá', [{ number: 1, cells: ['Mã', 'Tên tiếng Việt', 'Tên tiếng Anh'] }]],
    ]));
    expect(opt).toEqual({ ok: true, catalog: { departments: [{ code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Justice', kind: 'department', order: 0 }], services: [], procedures: [], synonyms: [], ratingReasons: [] } });
  });
});
