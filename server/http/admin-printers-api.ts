// Admin API for kiosks' printers and the kiosk screen timings (docs/api.md, "Admin API"):
//   PUT    /printers/:kiosk        one kiosk's printer (network tcp://host:port, or a printer bridge)
//   DELETE /printers/:kiosk        the kiosk prints nothing from now on
//   POST   /printers/:kiosk/test   a test page on that kiosk's printer now: did the printer take it?
//   PUT    /kiosk                  the kiosk timings
// Changes go live through the configuration service (a connected kiosk gets its new kiosk:setup,
// its next ticket prints on the new printer). Mounted inside the admin router (admins only, JSON
// body already parsed).
import type { Request, Response, Router } from 'express';
import type { PrinterTestResult } from '@core/protocol.ts';
import { AdminKioskBodySchema, AdminKioskNameSchema, AdminPrinterBodySchema } from '@core/protocol.ts';
import { PrintError } from '../../printer/escpos.ts';
import type { Logger } from 'pino';
import type { Actor, ConfigService } from '../admin/config-service.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { PrintService } from '../printing/print-service.ts';
import { ackError } from '../refusals.ts';
import { testPageOf } from '../printing/test-page-print.ts';
import { printerLabel } from '../printing/transport.ts';
import { configEditor, parseOr400 } from './respond.ts';


/** A printer that did not take the page is the printer's failure, not the request's: 502. */
const PRINTER_FAILED_STATUS = 502;

export interface PrinterAdminDeps {
  configs: ConfigService;
  config: LiveConfig;
  printing: Pick<PrintService, 'targetFor' | 'printTestPage'>;
  clock: Clock;
  logger: Logger;
}

export function mountPrinterAdmin(api: Router, { configs, config, printing, clock, logger }: PrinterAdminDeps, actor: (req: Request) => Actor): void {
  const log = logger.child({ module: 'admin-printers' });
  const edit = configEditor(configs, actor);
  const kioskOf = (req: Request, res: Response) => parseOr400(AdminKioskNameSchema, req.params.kiosk, res);

  api.put('/printers/:kiosk', async (req, res) => {
    const kiosk = kioskOf(req, res);
    const target = kiosk === null ? null : parseOr400(AdminPrinterBodySchema, req.body, res);
    if (kiosk !== null && target) await edit(req, res, { type: 'printers:put', kiosk, target });
  });

  // Allowed for any name in the map, so the printer of a revoked kiosk can be cleaned up too.
  api.delete('/printers/:kiosk', async (req, res) => {
    const kiosk = kioskOf(req, res);
    if (kiosk === null) return;
    await edit(req, res, { type: 'printers:put', kiosk, target: null });
  });

  api.post('/printers/:kiosk/test', async (req, res) => {
    const kiosk = kioskOf(req, res);
    if (kiosk === null) return;
    const target = printing.targetFor(kiosk);
    if (!target) return void res.status(409).json(ackError('PRINTER_NOT_CONFIGURED'));
    const printer = printerLabel(target);
    const at = clock.now();
    try {
      const { bytes } = await printing.printTestPage(target, testPageOf(config.index, kiosk, target, at));
      await configs.record(actor(req), 'printer:test', { target: kiosk, before: null, after: { printer, printed: true, bytes } });
      const data: PrinterTestResult = { kiosk, printer, bytes, at };
      res.json({ ok: true, data });
    } catch (err) {
      const failure = err instanceof PrintError ? err : new PrintError('PRINT_FAILED', String(err));
      if (!(err instanceof PrintError)) log.error({ err }, 'unexpected error printing a test page');
      log.warn({ kiosk, printer, code: failure.code, detail: failure.detail }, 'test page not printed');
      await configs.record(actor(req), 'printer:test', { target: kiosk, before: null, after: { printer, printed: false, code: failure.code } });
      res.status(PRINTER_FAILED_STATUS).json(ackError(failure.code, {}, [{ path: '', message: printer }]));
    }
  });

  api.put('/kiosk', async (req, res) => {
    const kiosk = parseOr400(AdminKioskBodySchema, req.body, res);
    if (kiosk) await edit(req, res, { type: 'kiosk:put', kiosk });
  });
}
