// The lobby boards of the fan-out bench, in a process of their own. In a center each board is a
// machine of its own: what the officers' consoles and the kiosks receive (a call's console
// updates, the queue figures, a no-show's updates) never delays a board. With every client in one
// process, the boards' packets waited behind the consoles' in one event loop, and the bench
// measured that (Lượt talks to its consoles; the bare Socket.IO server talks to nobody else).
// So the boards live here, for Lượt and for the bare server alike; the bench (fanout.ts) starts
// this process on the clients' CPU, above them in priority where it may.
//
// argv: <url> <mode: luot|raw> <boards: the device tokens as a JSON array (luot), or how many (raw)>.
// Prints {"port":0,"boards":n} when every board is connected, then one JSON line per call once
// every board has it: {"key":…,"arrivedUs":[…]} (process.hrtime, µs: CLOCK_MONOTONIC, the same
// clock as the bench process's). The first call's payload comes once as {"sample":…}.
import type { Socket } from 'socket.io-client';
import { connect, mapLimit } from './clients.ts';

interface CallPayload { ticket: { id: string; number: string } }

const [url, mode, boardsArg] = process.argv.slice(2);
if (!url || (mode !== 'luot' && mode !== 'raw') || !boardsArg) throw new Error('usage: board-listener.ts <url> luot|raw <tokens JSON | count>');

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function main(): Promise<void> {
  const auths: Record<string, string>[] = mode === 'luot'
    ? (JSON.parse(boardsArg!) as string[]).map((deviceToken) => ({ deviceToken }))
    : Array.from({ length: Number(boardsArg) }, () => ({ role: 'display' }));
  const sockets: Socket[] = await mapLimit(auths, 20, (auth) => connect<Socket>(url!, auth));
  const arrivals = new Map<string, number[]>();
  let sampled = false;
  const arrived = (call: CallPayload, at: number) => {
    // Lượt's boards hear the number (never the ticket's id); the bare server's calls carry a made-up id.
    const key = mode === 'luot' ? call.ticket.number : call.ticket.id;
    if (!sampled) {
      sampled = true;
      process.stdout.write(JSON.stringify({ sample: call }) + '\n');
    }
    const times = arrivals.get(key) ?? [];
    times.push(at);
    arrivals.set(key, times);
    if (times.length === sockets.length) {
      arrivals.delete(key);
      process.stdout.write(JSON.stringify({ key, arrivedUs: times }) + '\n');
    }
  };
  // Lượt's boards: 'board:called'. A server from before boards had their own event (fanout-bench's
  // before/after runs) sends 'ticket:called'. The bare server: 'called'.
  const events = mode === 'luot' ? ['board:called', 'ticket:called'] : ['called'];
  for (const socket of sockets) {
    for (const event of events) socket.on(event, (call: CallPayload) => arrived(call, nowUs()));
  }
  process.stdout.write(JSON.stringify({ port: 0, boards: sockets.length }) + '\n');
  const stop = () => {
    for (const s of sockets) s.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('close', stop); // the bench went away
  process.stdin.resume();
}

main().catch((err: unknown) => {
  process.stderr.write(`board-listener failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
