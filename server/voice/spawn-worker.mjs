// Runs programs for the voice on a worker thread. Starting a child process copies the page tables
// of the whole server process, which for a large process takes milliseconds of the calling thread:
// done here, it never holds up a call on its way to the boards. Plain JavaScript on purpose: a
// worker thread does not inherit tsx.
import { parentPort } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

const running = new Map();

parentPort.on('message', (msg) => {
  if (msg.type === 'kill') {
    running.get(msg.id)?.kill('SIGKILL');
    return;
  }
  const { id, command, args, input } = msg;
  let child;
  try {
    child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  } catch (e) {
    parentPort.postMessage({ id, error: { message: String(e?.message ?? e), code: e?.code } });
    return;
  }
  running.set(id, child);
  // Speech can wait a few milliseconds; screens, counters and kiosks cannot.
  if (child.pid !== undefined) {
    try { setPriority(child.pid, 10); } catch { /* not permitted: normal priority */ }
  }
  const out = [];
  let err = '';
  let done = false;
  const finish = (reply) => {
    if (done) return;
    done = true;
    running.delete(id);
    parentPort.postMessage(reply, reply.stdout ? [reply.stdout] : []);
  };
  child.on('error', (e) => finish({ id, error: { message: e.message, code: e.code } }));
  child.stdout.on('data', (chunk) => out.push(chunk));
  child.stderr.on('data', (chunk) => { if (err.length < 2000) err += chunk.toString('utf8'); });
  child.stdin.on('error', () => { /* the program exited before reading: its exit code tells */ });
  child.on('close', (code) => {
    const buf = Buffer.concat(out);
    const stdout = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    finish({ id, code, stdout, stderr: err.trim() });
  });
  child.stdin.end(input, 'utf8');
});
