// The bench's side of board-listener.ts: starts the boards' process and hands out, per call, each
// board's time from the call's emit to its arrival (both on CLOCK_MONOTONIC, so across processes).
import type { Spawned } from './proc.ts';
import { spawnTs } from './proc.ts';
import { WAIT_MS } from './clients.ts';

/** Where the boards' process runs: the bench's checkout, and the clients' CPU when pinned. */
export interface BoardsPlace {
  cwd: string;
  cpus?: string;
}

export const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export class BoardsProcess {
  private static told = false;
  sample: unknown = null;
  private readonly done = new Map<string, number[]>();
  private readonly waiting = new Map<string, () => void>();
  private spawned: Spawned<{ port: number; boards: number }> | null = null;

  /** Lượt: the boards' device tokens; raw: how many boards. */
  static async start(url: string, mode: 'luot' | 'raw', boards: string[] | number, place: BoardsPlace): Promise<BoardsProcess> {
    const boardsProc = new BoardsProcess();
    const args = [url, mode, typeof boards === 'number' ? String(boards) : JSON.stringify(boards)];
    const options = { cwd: place.cwd, cpus: place.cpus, label: `boards-${mode}`, timeoutMs: 30_000, onLine: (line: string) => boardsProc.line(line) };
    // Above the consoles' and kiosks' clients on the same CPU, as if on machines of their own.
    // Without the right to (not root), the boards share the CPU with them at the same priority.
    const realtime = place.cpus !== undefined && process.getuid?.() === 0 ? 10 : undefined;
    boardsProc.spawned = await spawnTs<{ port: number; boards: number }>('tests/bench/board-listener.ts', args, { ...options, realtime })
      .catch(() => spawnTs<{ port: number; boards: number }>('tests/bench/board-listener.ts', args, options));
    if (!BoardsProcess.told) {
      BoardsProcess.told = true;
      process.stderr.write(`boards: ${typeof boards === 'number' ? boards : boards.length} in their own process${place.cpus ? ` on CPU ${place.cpus}` : ''}${boardsProc.realtime ? ', SCHED_RR 10 (above the other clients)' : ''}\n`);
    }
    return boardsProc;
  }

  get realtime(): boolean {
    return this.spawned?.child.spawnargs[0] === 'chrt';
  }

  private line(line: string): void {
    const msg = JSON.parse(line) as { sample?: unknown; key?: string; arrivedUs?: number[] };
    if (msg.sample !== undefined) this.sample ??= msg.sample;
    if (msg.key === undefined || !msg.arrivedUs) return;
    this.done.set(msg.key, msg.arrivedUs);
    this.waiting.get(msg.key)?.();
  }

  /** Each board's ms from t0 (µs, nowUs()) to its arrival of the call `key`. */
  async collect(key: string, t0Us: number, what: string): Promise<number[]> {
    if (!this.done.has(key)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => { this.waiting.delete(key); reject(new Error(`timed out waiting for ${what}`)); }, WAIT_MS);
        this.waiting.set(key, () => { clearTimeout(timer); this.waiting.delete(key); resolve(); });
      });
    }
    const arrived = this.done.get(key)!;
    this.done.delete(key);
    return arrived.map((us) => (us - t0Us) / 1000);
  }

  async stop(): Promise<void> {
    await this.spawned?.stop();
  }
}
