// The Forge bundle is what ships: it must hold none of the sandbox (the embedded Jira site, the local host).
// Bundled here as Forge's bundler would (every import followed), and the bundle's inputs listed.
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');

async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the Forge bundle', () => {
  it('is built from src/ alone, with no sandbox module in it', async () => {
    const inputs = await bundledInputs('src/index.ts');
    expect(inputs.length).toBeGreaterThan(10);
    expect(inputs.filter((path) => !path.startsWith('src/'))).toEqual([]);
    expect(inputs.filter((path) => path.includes('sandbox'))).toEqual([]);
  });

  it('would show a sandbox module if one were imported (the check can fail)', async () => {
    // The CLI's --demo loads the sandbox on purpose, so its bundle does hold sandbox modules.
    const inputs = await bundledInputs('src/cli/main.ts');
    expect(inputs.some((path) => path.startsWith('sandbox/site/'))).toBe(true);
  });
});
