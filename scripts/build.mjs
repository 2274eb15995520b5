// Builds everything `npm start`, `npm test` and the `role-split` bin need: the Custom UI (Vite, into
// static/build, the path manifest.yml's resource points at) and the CLI bundle (esbuild, into dist/).
// Skips a part whose output is newer than all of its inputs, so repeated runs are quick.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'build') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh(output, inputs) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return inputs.every((dir) => newestMtime(join(root, dir)) < built);
}

const force = process.argv.includes('--force');

const uiOut = join(root, 'static/build/index.html');
if (force || !isFresh(uiOut, ['static', 'src/contract', 'src/domain'])) {
  console.log('build: Custom UI -> static/build');
  await viteBuild({ configFile: join(root, 'static/vite.config.ts'), logLevel: 'warn' });
}

const cliOut = join(root, 'dist/cli.cjs');
if (existsSync(join(root, 'src/cli/main.ts')) && (force || !isFresh(cliOut, ['src', 'sandbox']))) {
  console.log('build: CLI -> dist/cli.cjs');
  await esbuild({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: cliOut,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  });
}
