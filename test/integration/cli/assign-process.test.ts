// The BUILT `role-split assign` and `export-owners` as child processes, the way `npx role-split` runs them:
// --demo end to end (export, then import the export: nothing changes), a file against the embedded site with
// a refused row (exit 1, the JSON on stdout conforms to the schema), usage errors (exit 2) and the help.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AssignReport } from '../../../src/cli/assign-report';
import { DEMO, OWNERSHIP_PROPERTY_KEY, startSite, type RunningSite } from '../../../sandbox/site';
import { assignReportSchemaErrors } from '../../unit/cli/assign-report-schema';
import { buildCli, runCli } from './cli-process';

const admin = { JIRA_EMAIL: DEMO.adminUser.email, JIRA_API_TOKEN: DEMO.adminUser.apiToken };
let site: RunningSite;
const dir = mkdtempSync(join(tmpdir(), 'role-split-assign-process-'));

beforeAll(async () => {
  await buildCli();
  site = await startSite({ dataDir: null, port: 0, seed: 'demo', taskDelayMs: 1 });
}, 120_000);
afterAll(async () => {
  await site?.close();
});

describe('the built CLI', () => {
  it('exports the demo owners and imports them again with nothing to change (--demo)', async () => {
    const exported = await runCli(['export-owners', '--demo']);
    expect(exported.code).toBe(0);
    expect(exported.stdout.startsWith('issueKey,role,accountId,displayName,email,summary\r\n')).toBe(true);
    const path = join(dir, 'demo-owners.csv');
    writeFileSync(path, exported.stdout);
    const rows = exported.stdout.trimEnd().split('\r\n').length - 1;
    const imported = await runCli(['assign', '--demo', '--file', path, '--format', 'json']);
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout) as AssignReport;
    expect(assignReportSchemaErrors(report)).toEqual([]);
    expect(report.summary).toEqual({ assigned: 0, cleared: 0, unchanged: rows, refused: 0 });
  });

  it('writes through --site with the token from the environment; a refused row makes exit 1', async () => {
    const story = DEMO.gapExamples.STORY_WITHOUT_PO[0] as string;
    const path = join(dir, 'owners.csv');
    writeFileSync(
      path,
      `issueKey,role,email\n${story},po,${DEMO.people.poDirect.email}\n${DEMO.issues.coveredEpic},po,${DEMO.people.poDirect.email}\n`,
    );
    const run = await runCli(['assign', '--site', site.url, '--file', path, '-f', 'json'], admin);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain(admin.JIRA_API_TOKEN);
    expect(run.stderr).not.toContain(admin.JIRA_API_TOKEN);
    const report = JSON.parse(run.stdout) as AssignReport;
    expect(assignReportSchemaErrors(report)).toEqual([]);
    expect(report.results.map((r) => [r.line, r.outcome, r.reason])).toEqual([
      [2, 'assigned', null],
      [3, 'refused', 'WRONG_ROLE_FOR_LEVEL'],
    ]);
    const value = site.state.getIssue(story)?.properties.get(OWNERSHIP_PROPERTY_KEY) as {
      po?: { accountId: string };
    };
    expect(value.po?.accountId).toBe(DEMO.people.poDirect.accountId);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints a table by default and the help on --help', async () => {
    const path = join(dir, 'one.csv');
    writeFileSync(path, `issueKey,role,accountId\n${DEMO.issues.coveredStory},po,\n`);
    const table = await runCli(['assign', '--demo', '--file', path, '--dry-run']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Role Split assign \(dry run: nothing written\) on demo/);
    expect(table.stdout).toMatch(/1 would be cleared/);
    expect(table.stdout.split('\n').every((line) => line.length <= 80)).toBe(true);
    const help = await runCli(['assign', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--from-field FIELD/);
    const exportHelp = await runCli(['export-owners', '-h']);
    expect(exportHelp.stdout).toMatch(/^Usage: role-split export-owners/);
  });

  it('refuses usage mistakes with exit 2 and one line on stderr', async () => {
    const both = await runCli(['assign', '--demo', '--file', 'x.csv', '--from-field', 'F', '--role', 'po']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --file owners.csv or --from-field FIELD/);
    const noRole = await runCli(['assign', '--demo', '--project', 'SHOP', '--from-field', 'F']);
    expect(noRole.stderr).toMatch(/--role pm or --role po/);
    const token = await runCli(['assign', '--demo', '--file', 'x.csv', '--token', 'secret-value']);
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/JIRA_EMAIL and JIRA_API_TOKEN/);
    expect(token.stderr).not.toContain('secret-value');
  });
});
