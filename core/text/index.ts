// The one dictionary of screen text, one section per app (each app's section in its own file,
// so work on one app does not collide with another). Error texts live in core/i18n.ts.
import { common } from './common.ts';
import { kiosk, printedTicket, ticketStatusPage } from './kiosk.ts';
import { counterConsole, ratingPad } from './counter.ts';
import { staffLogin } from './login.ts';
import { displayBoard } from './display.ts';
import { managerApp } from './manager.ts';
import { adminApp } from './admin.ts';
import { adminLogo } from './admin-logo.ts';
import { adminPrinters, printerTestPage } from './admin-printers.ts';
import { adminLobby } from './admin-lobby.ts';
import { adminBackup } from './admin-backup.ts';
import { planText } from './plan.ts';
import { adminAudit } from './admin-audit.ts';
import { bookingAdmin, bookingCounter, bookingPage } from './booking.ts';
import { adminSynonyms } from './admin-synonyms.ts';
import { counterSearch } from './counter-search.ts';
import { messagesText } from './messages.ts';

export const ui = { common, kiosk, printedTicket, ticketStatusPage, counterConsole, ratingPad, staffLogin, displayBoard, managerApp, adminApp, adminLogo, adminPrinters, printerTestPage, adminLobby, adminBackup, planText, adminAudit, bookingPage, bookingCounter, bookingAdmin, adminSynonyms, counterSearch, messagesText } as const;
