import type { ErrorCode } from './i18n.ts';

/** Kept by the server for managers: a ticket that could not be printed, and why. */
export interface PrintFault {
  at: number;
  kioskName: string;
  /** tcp://host:port, or "bridge: <device name>". */
  printer: string;
  ticketId: string;
  ticketNumber: string;
  code: ErrorCode;
  message: string;
  messageEn: string;
}
