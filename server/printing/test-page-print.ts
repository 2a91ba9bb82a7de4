// What goes on a printer's test page, from the kiosk's printer setting and the center's
// configuration (printer/test-page.ts draws it).
import type { ConfigIndex, PrinterTarget } from '@core/config.ts';
import type { TestPagePrint } from '../../printer/test-page.ts';

export function testPageOf(index: ConfigIndex, kioskName: string, target: PrinterTarget, now: number): TestPagePrint {
  return {
    centerName: index.config.center.nameVi,
    kioskName,
    printer: target.kind === 'network' ? { kind: 'network', url: target.url } : { kind: 'bridge', bridgeDevice: target.bridgeDevice },
    width: target.width,
    model: target.model ?? 'epson',
    timeoutMs: target.timeoutMs,
    printedAt: now,
  };
}
