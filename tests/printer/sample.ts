// A ticket as the renderer receives it, shared by the printer tests.
import type { TicketPrint } from '../../printer/render.ts';

export const SAMPLE: TicketPrint = {
  centerName: 'Trung tâm Phục vụ hành chính công tỉnh Lai Châu',
  number: 'A-025',
  serviceName: 'Đất đai',
  departmentName: 'Sở Nông nghiệp và Môi trường',
  priorityName: null,
  counters: [1, 2],
  ahead: 4,
  etaMin: 16,
  issuedAt: Date.parse('2026-11-23T02:00:00Z'),
  statusUrl: 'http://192.168.1.10:3000/t/261123AbCdEfGhIjKlMnOpQrSt',
};
