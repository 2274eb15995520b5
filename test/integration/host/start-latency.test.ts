// `npm start -- --latency 250`: the sandbox process starts with the embedded site's latency fault on, says so,
// and the Sandbox menu shows it. Run as a real process (in a temp working directory, so its data folder is
// thrown away), plus the argument's parsing on its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '../../support/jest-helpers';
import { latencyArg } from '../../../sandbox/host/faults';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let child: ChildProcess | undefined;
const cwd = mkdtempSync(join(tmpdir(), 'sandbox-start-'));

// tsx runs the sandbox in a child of its own: the sandbox is started in a process group of its own and the whole
// group is stopped, so no sandbox outlives the test (SIGKILL if it has not gone within 5 s of SIGTERM).
afterAll(async () => {
  const pid = child?.pid;
  if (pid !== undefined && child?.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    process.kill(-pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(cwd, { recursive: true, force: true });
});

describe('--latency', () => {
  it('parses both spellings and refuses what is not whole milliseconds', () => {
    expect(latencyArg(['--latency', '250'])).toBe(250);
    expect(latencyArg(['--reset', '--latency=100'])).toBe(100);
    expect(latencyArg(['--reset'])).toBeNull();
    expect(() => latencyArg(['--latency'])).toThrow('whole milliseconds');
    expect(() => latencyArg(['--latency', '2.5'])).toThrow('whole milliseconds');
  });

  it('starts the sandbox with that latency on the embedded site, shown in the Sandbox menu', async () => {
    let output = '';
    child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'sandbox/main.ts'), '--latency', '250'],
      {
        cwd,
        env: { ...process.env, PORT: '0', SITE_PORT: '0', JIRA_SITE: '', JIRA_EMAIL: '', JIRA_API_TOKEN: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => expect(output).toContain('Added latency: 250 ms per Jira request'), {
      timeout: 60_000,
    });
    const hostUrl = /Role Split sandbox: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
    const page = await (await fetch(`${hostUrl}/jira/projects`)).text();
    expect(page).toMatch(/id="fault-latency"[^>]*value="250"/);
  });
});
