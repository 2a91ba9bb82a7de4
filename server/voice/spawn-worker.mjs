// Boots the voice worker, a child process of the server (see voice-worker.ts), or with the argument
// `idle` the worker's idle helper (idle-worker.ts). Plain JavaScript on purpose: they
// are started without the server's flags, so each registers tsx itself before loading the
// TypeScript it runs (a one-time cost when the voice starts).
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2] === 'idle' ? './idle-worker.ts' : './voice-worker.ts');
