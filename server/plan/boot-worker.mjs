// Boots the plan worker thread (plan-worker.ts). Plain JavaScript on purpose, as the voice worker's
// boot: the thread registers tsx itself before loading the TypeScript it runs.
import { register } from 'tsx/esm/api';

register();
await import('./plan-worker.ts');
