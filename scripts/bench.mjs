// `npm run bench`: bundles bench/run.ts with esbuild and runs it on plain Node, so the peak RSS printed is the
// app's (engine + data), not a TypeScript loader's (tsx alone adds about 90 MB).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outfile = join(root, 'dist/bench.cjs');
await build({
  entryPoints: [join(root, 'bench/run.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
const result =
  process.env.BENCH_ONLY === 'ui'
    ? { status: 0 }
    : spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
// The Custom UI's figures (bench/ui.ts) run the sandbox host, which loads the app's TypeScript handlers: tsx.
const runUi = !process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'ui';
const ui =
  result.status === 0 && runUi
    ? spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/ui.ts')], { stdio: 'inherit' })
    : result;
process.exit(result.status || ui.status || 0);
