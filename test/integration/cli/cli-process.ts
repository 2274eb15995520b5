// Runs the BUILT CLI (`node bin/role-split.cjs ...`) as a child process, the way `npx role-split` would. Async
// on purpose: the embedded site the CLI talks to runs in the test process, so a synchronous spawn would stop
// the site from answering.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const repoRoot = join(import.meta.dirname, '../../..');
const bin = join(repoRoot, 'bin/role-split.cjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node scripts/build.mjs` (skips what is already fresh). */
export async function buildCli(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/build.mjs')], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/**
 * The environment holds only PATH and what the test passes, so a developer's own JIRA_* variables can never
 * leak into a run (or make a test pass by accident).
 */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
