// One logger for the server; modules take a child with their tag: logger.child({ module: 'queue' }).
import pino from 'pino';
import type { Logger } from 'pino';

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'luot' } });
}
