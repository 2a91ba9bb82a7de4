// No import cycles in server/ or core/, type-only imports included: each part depends only on the
// parts below it (docs/architecture.md). Checked with dependency-cruiser, which is shown a known
// cycle first so that a silent tool cannot pass for a clean tree.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = 'node_modules/.bin/depcruise';

async function cycles(...paths: string[]): Promise<string> {
  try {
    await run(BIN, [...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { maxBuffer: 4 * 1024 * 1024 });
    return '';
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}`.trim() || String(err);
  }
}

describe('import cycles', () => {
  it('the check finds a type-only cycle', async () => {
    const found = await cycles('tests/server/fixtures/type-cycle');
    expect(found).toContain('no-circular');
    expect(found).toContain('type-cycle/a.ts');
  }, 120_000);

  it('server/ and core/ have none', async () => {
    expect(await cycles('server', 'core')).toBe('');
  }, 240_000);
});
