// `npm run printer -- --server http://192.168.1.10:3000 --token <device token> --printer tcp://192.168.1.50:9100`
// (or --printer /dev/usb/lp0 for a USB printer). The server renders and encodes each ticket for
// the printer model in its configuration; the token may also come from LUOT_DEVICE_TOKEN, so it
// does not show in the process list.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startBridge } from './bridge.ts';

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: process.env.LUOT_SERVER ?? 'http://localhost:3000' },
    token: { type: 'string', default: process.env.LUOT_DEVICE_TOKEN ?? '' },
    printer: { type: 'string', default: process.env.LUOT_PRINTER ?? '' },
    timeout: { type: 'string', default: '5000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const usage = [
  'Cầu nối máy in Lượt / Lượt printer bridge',
  '  npm run printer -- --server http://MÁY-CHỦ:3000 --token MÃ-THIẾT-BỊ --printer tcp://MÁY-IN:9100',
  '  --printer /dev/usb/lp0      máy in USB / a USB printer',
  '  --timeout 5000              ms trước khi coi là máy in không phản hồi / ms before the printer counts as not answering',
  '  LUOT_DEVICE_TOKEN, LUOT_SERVER, LUOT_PRINTER may replace the options.',
].join('\n');

if (values.help || !values.token || !values.printer) {
  process.stdout.write(usage + '\n');
  process.exit(values.help ? 0 : 64);
}

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { module: 'printer-bridge' } });
const bridge = startBridge({
  server: values.server, token: values.token, printer: values.printer, timeoutMs: Number(values.timeout) || 5000, logger,
});
const why = await bridge.ended;
logger.fatal({ code: why.code }, `stopping: ${why.message}`);
process.exit(why.code === 'DEVICE_IN_USE' ? 2 : 1);
