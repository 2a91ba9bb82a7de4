// The browser tests need the built apps: build them if their sources changed.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'server/build-apps.ts', '--if-needed'], { stdio: 'inherit' });
}
