// Kiosk text of check-in with a booking, result pick-up and the scanner (spread into `kiosk`).
// Vietnamese first, English second; the refusals themselves come from the server (core/i18n.ts).
import type { Text } from '../i18n.ts';

export const checkInText = {
  bookedEntry: { vi: 'Tôi đã đặt lịch', en: 'I have a booking' },
  resultEntry: { vi: 'Nhận kết quả', en: 'Collect a result' },
  scanAnywhere: { vi: 'Có mã QR đặt lịch, căn cước gắn chip hoặc giấy biên nhận? Đưa mã vào máy quét bất cứ lúc nào.', en: 'Have a booking QR, a chip ID card or a receipt? Hold its code to the scanner at any time.' },
  bookedTitle: { vi: 'Nhập mã đặt lịch', en: 'Enter your booking code' },
  bookedHint: { vi: 'Mã gồm 7 chữ và số, có trong tin nhắn xác nhận. Hoặc đưa mã QR đặt lịch hay thẻ căn cước gắn chip vào máy quét.', en: 'The 7-character code is in your confirmation message. Or hold the booking QR or your chip ID card to the scanner.' },
  resultTitle: { vi: 'Nhập mã hồ sơ trên giấy biên nhận', en: 'Enter the dossier code on your receipt' },
  resultHint: { vi: 'Ví dụ: 000.00.12.H36-241125-0001. Hoặc đưa mã vạch trên giấy biên nhận vào máy quét.', en: 'For example: 000.00.12.H36-241125-0001. Or hold the receipt’s barcode to the scanner.' },
  confirm: { vi: 'Xác nhận', en: 'Confirm' },
  checkingIn: { vi: 'Đang kiểm tra…', en: 'Checking…' },
  chooseBooking: { vi: 'Hôm nay Ông/Bà có {n} lịch hẹn. Xin mời chọn lịch hẹn muốn lấy số:', en: 'You have {n} bookings today. Please choose the one to check in:' },
  choiceAt: { vi: 'Giờ hẹn {time}', en: 'At {time}' },
  bookingRefused: { vi: 'Chưa nhận được lịch hẹn', en: 'The booking could not be checked in' },
  resultRefused: { vi: 'Chưa lấy được số nhận kết quả', en: 'No pick-up ticket was issued' },
  walkIn: { vi: 'Lấy số thông thường', en: 'Take a walk-in ticket' },
  tryAgain: { vi: 'Nhập lại mã', en: 'Enter the code again' },
  home: { vi: 'Về màn hình chính', en: 'Back to the start' },
  scanUnknown: { vi: 'Mã vừa quét không phải mã đặt lịch, thẻ căn cước hay mã hồ sơ. Ông/Bà vui lòng quét lại hoặc hỏi quầy hướng dẫn.', en: 'The scanned code is not a booking, an ID card or a dossier code. Please scan again or ask at the information desk.' },
  hintNotFound: { vi: 'Ông/Bà vui lòng kiểm tra lại mã trong tin nhắn xác nhận, hoặc hỏi quầy hướng dẫn.', en: 'Please check the code in your confirmation message, or ask at the information desk.' },
  hintWalkIn: { vi: 'Ông/Bà vẫn có thể lấy số thứ tự thông thường và chờ gọi như mọi người.', en: 'You can still take a walk-in ticket and wait your turn.' },
  hintCard: { vi: 'Ông/Bà vui lòng đặt mặt trước thẻ căn cước (có mã QR) vào máy quét và giữ yên.', en: 'Please hold the front of your ID card (with the QR code) still under the scanner.' },
  hintReceipt: { vi: 'Ông/Bà vui lòng kiểm tra lại mã hồ sơ trên giấy biên nhận, hoặc hỏi quầy hướng dẫn.', en: 'Please check the dossier code on your receipt, or ask at the information desk.' },
  bookedBadge: { vi: 'Đặt lịch · giờ hẹn {start}–{end}', en: 'Booked · {start}–{end}' },
  servedFrom: { vi: 'Phiếu của Ông/Bà được phục vụ từ {time}. Xin mời ngồi chờ.', en: 'Your ticket is served from {time}. Please take a seat.' },
  pickupOf: { vi: 'Nhận kết quả hồ sơ {code}', en: 'Result of dossier {code}' },
} as const satisfies Record<string, Text>;
