// runCli in this process against the embedded site, for what a child process cannot show: progress when stderr
// IS a terminal (a child's stderr is a pipe), and the last-line redaction of the API token on stderr.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCli, type CliIo } from '../../../src/cli/run';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';

let site: RunningSite;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0, seed: 'demo' });
});

afterAll(async () => {
  await site?.close();
});

function capture(
  env: Record<string, string>,
  stderrIsTTY: boolean,
): { io: CliIo; out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      env,
      stderrIsTTY,
      writeStdout: (text) => {
        stdout += text;
        return Promise.resolve();
      },
      writeStderr: (text) => {
        stderr += text;
      },
    },
    out: () => stdout,
    err: () => stderr,
  };
}

const admin = { JIRA_EMAIL: DEMO.adminUser.email, JIRA_API_TOKEN: DEMO.adminUser.apiToken };

describe('runCli', () => {
  it('shows progress on stderr when it is a terminal, and keeps stdout to the report', async () => {
    const { io, out, err } = capture(admin, true);
    const code = await runCli(
      ['audit', '--site', site.url, '-p', DEMO.projectKey, '-f', 'json', '--fail-on', 'never'],
      io,
    );
    expect(code).toBe(0);
    expect(err()).toContain('\r\x1b[Krole-split: SHOP: ');
    expect(err()).toMatch(/SHOP: \d+ issues read/);
    // The progress line is cleared before anything else is written.
    expect(err().endsWith('\r\x1b[K')).toBe(true);
    expect(() => JSON.parse(out()) as unknown).not.toThrow();
  });

  it('shows no progress when stderr is not a terminal', async () => {
    const { io, err } = capture(admin, false);
    await runCli(['audit', '--site', site.url, '-p', DEMO.projectKey, '--fail-on', 'never'], io);
    expect(err()).toBe('');
  });

  it('redacts the API token from anything written to stderr', async () => {
    // A message that quotes user input (a missing --roster file) which happens to hold the token.
    const { io, err } = capture(admin, false);
    const code = await runCli(
      ['audit', '--site', site.url, '-p', 'SHOP', '--roster', `/no/such/${admin.JIRA_API_TOKEN}.json`],
      io,
    );
    expect(code).toBe(2);
    expect(err()).toMatch(/Could not read --roster \/no\/such\/\*\*\*\.json/);
    expect(err()).not.toContain(admin.JIRA_API_TOKEN);
  });
});
