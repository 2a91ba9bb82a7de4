// `npm run printer:emulator -- [--port 9100] [--host 127.0.0.1] [--out .tmp/printed]`
// A pretend network receipt printer: point a kiosk's printer at tcp://127.0.0.1:9100 (see the
// README, "In phiếu / Printing") and every ticket it prints appears as a PNG in the folder.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPrinterEmulator } from './emulator.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    host: { type: 'string', default: '127.0.0.1' },
    out: { type: 'string', default: '.tmp/printed' }, // .tmp/ is ignored by git
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const out = (line: string) => process.stdout.write(line + '\n');

if (values.help) {
  out('Máy in giả lập ESC/POS / ESC/POS printer emulator');
  out('  npm run printer:emulator -- --port 9100 --host 127.0.0.1 --out .tmp/printed');
  process.exit(0);
}

const outDir = resolve(values.out);
const emulator = await startPrinterEmulator({ port: Number(values.port), host: values.host, outDir });
out(`Máy in giả lập đang nghe / printer emulator listening: ${emulator.url}`);
out(`Phiếu in ra được lưu thành ảnh PNG trong / printed tickets are saved as PNG in: ${outDir}`);
out(JSON.stringify({ ready: true, port: emulator.port, outDir }));

emulator.on('ticket', (t) => {
  const notes = [t.cut ? 'cut' : 'NO CUT', ...(t.unknown.length ? [`${t.unknown.length} unknown commands: ${t.unknown.slice(0, 3).join('; ')}`] : [])];
  out(`#${t.seq} ${t.width}×${t.height} dots, ${t.bytes} bytes, ${notes.join(', ')} → ${t.file}`);
});
emulator.on('error', (err) => process.stderr.write(`printer emulator: ${err.message}\n`));

const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
