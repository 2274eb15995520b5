// Runs before `npm start` and `npm test` (prestart / pretest): on a fresh clone, or after the lock file changed,
// installs exactly what package-lock.json pins (`npm ci`), so the README's two commands are all a newcomer types.
// Plain Node with no dependencies, since it runs before there are any.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const lockFile = join(root, 'package-lock.json');
const installedLock = join(root, 'node_modules', '.package-lock.json'); // npm's own record of the last install
const stamp = join(root, 'node_modules', '.role-split-lock.sha256');

const lockHash = createHash('sha256').update(readFileSync(lockFile)).digest('hex');
const recorded = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;

if (recorded === lockHash) process.exit(0);
if (
  recorded === null &&
  existsSync(installedLock) &&
  statSync(installedLock).mtimeMs >= statSync(lockFile).mtimeMs
) {
  // Installed from this lock by someone else (CI's `npm ci`, a user's `npm install`): remember it and go on.
  writeFileSync(stamp, `${lockHash}\n`);
  process.exit(0);
}

console.log('role-split: installing dependencies from package-lock.json (npm ci); this happens once.');
const npmCli = process.env.npm_execpath;
const [command, args] = npmCli
  ? [process.execPath, [npmCli, 'ci', '--no-audit', '--no-fund']]
  : ['npm', ['ci', '--no-audit', '--no-fund']];
const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(
    'role-split: `npm ci` failed (see above). Check your network and Node version (>= 20.19), then retry.',
  );
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, `${lockHash}\n`);
