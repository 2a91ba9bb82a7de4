// Entry of the print worker thread. Worker threads do not inherit tsx's loader (`npm start`
// runs the server through tsx), so register it here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./print-worker.ts');
