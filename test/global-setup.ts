// Builds the Custom UI and the CLI bundle once, before any test file starts, so browser and CLI tests that
// check freshness find the build ready instead of racing each other to write static/build and dist/.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}
