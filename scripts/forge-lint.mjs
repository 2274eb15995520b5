// Runs Atlassian's official Forge linter (client-side checks, offline) via ../shared/tools. Skips with a clear
// message when ../shared is absent (a clone outside the project's workspace); fails on any linter error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tool = join(root, '..', 'shared', 'tools', 'forge-lint-offline.cjs');
if (!existsSync(tool)) {
  console.warn(`forge-lint: skipped — ${tool} not found (needs ../shared beside the repository).`);
  process.exit(0);
}
const result = spawnSync(process.execPath, [tool, root], { stdio: 'inherit' });
process.exit(result.status ?? 2);
