// Turning outcomes into refusals, the same for sockets (acks) and REST (JSON bodies with an HTTP
// status): codes from the one enum, text from the one dictionary. An unexpected error is logged in
// full and answered with INTERNAL only: its message never reaches a client.
import type { ZodError } from 'zod';
import type { ErrorCode, Params } from '@core/i18n.ts';
import { errorMessage } from '@core/i18n.ts';
import type { AckError } from '@core/protocol.ts';

export function ackError(code: ErrorCode, params: Params = {}, issues?: AckError['issues']): AckError {
  const text = errorMessage(code, params);
  return { ok: false, code, message: text.vi, messageEn: text.en, ...(issues ? { issues } : {}) };
}

export function validationError(error: ZodError): AckError {
  const issues = error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
  return ackError('VALIDATION_FAILED', {}, issues);
}

/** HTTP status for an error code, for the REST API. */
export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'INVALID_DOSSIER_CODE':
    case 'TRANSFER_TARGET_INVALID':
    case 'MOVE_TARGET_INVALID':
    case 'CCCD_INVALID':
    case 'CCCD_QR_INVALID':
    case 'PHONE_INVALID':
    case 'BOOKING_SLOT_UNKNOWN':
      return 400;
    case 'UNAUTHENTICATED':
    case 'LOGIN_FAILED':
    case 'DEVICE_REVOKED':
    case 'API_KEY_INVALID':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'TICKET_NOT_FOUND':
    case 'UNKNOWN_SERVICE':
    case 'UNKNOWN_COUNTER':
    case 'BOOKING_NOT_FOUND':
      return 404;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    case 'INTERNAL':
      return 500;
    default:
      return 409;
  }
}
