// Boots the voice worker, a child process of the server (see voice-worker.ts). Plain JavaScript on
// purpose: the worker is started without the server's flags, so it registers tsx itself before
// loading the TypeScript it runs (a one-time cost when the voice starts).
import { register } from 'tsx/esm/api';

register();
await import('./voice-worker.ts');
