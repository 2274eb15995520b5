// The built `role-split audit` run as a process against the embedded Jira site (started here, port 0): every
// format, every exit status, wrong credentials, an unknown project, an empty one, a project of many pages, a
// 429 in the middle of a scan, the roster fallback and --demo. Reports are compared with the app's own scan
// run in this process against the same site, so "same engine, same codes, owners, epics and order" is checked
// against the engine, not against numbers written into the test.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectSaying } from '../../support/jest-helpers';
import { scanProject } from '../../../src/app/scan-project';
import { CSV_HEADER } from '../../../src/cli/format-csv';
import type { AuditReport, ProjectReport } from '../../../src/cli/report';
import { defaultPolicy } from '../../../src/domain/policy';
import type { GapReport } from '../../../src/domain/model';
import { createJiraClient } from '../../../src/jira/client';
import { fetchTransport } from '../../../src/jira/transport-fetch';
import { ISSUE_TYPE_IDS, ISSUE_TYPES } from '../../../sandbox/site/catalog';
import { DEMO, OWNERSHIP_PROPERTY_KEY, startSite, type RunningSite } from '../../../sandbox/site';
import { parseCsv } from '../../unit/cli/rfc4180';
import { reportSchemaErrors } from '../../unit/cli/report-schema';
import { buildCli, repoRoot, runCli, type CliRun } from './cli-process';

const SEARCH = 'POST /rest/api/3/search/jql';
const BULK_FETCH = 'POST /rest/api/3/issue/bulkfetch';
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const admin = { JIRA_EMAIL: DEMO.adminUser.email, JIRA_API_TOKEN: DEMO.adminUser.apiToken };
const FORMULA_SUMMARY = '=HYPERLINK("http://evil.example","win"), then "more"';

let site: RunningSite;

/** Runs the CLI and checks what must hold for every run: the API token is never printed. */
async function audit(args: string[], env: Record<string, string> = admin): Promise<CliRun> {
  const run = await runCli(['audit', ...args], env);
  const token = env.JIRA_API_TOKEN;
  if (token !== undefined) {
    expect(run.stdout).not.toContain(token);
    expect(run.stderr).not.toContain(token);
  }
  return run;
}

function json(run: CliRun): AuditReport {
  return JSON.parse(run.stdout) as AuditReport;
}

function project(report: AuditReport, key: string): ProjectReport {
  const found = report.projects.find((p) => p.key === key);
  if (!found) throw new Error(`no project ${key} in the report`);
  return found;
}

function stderrLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line !== '');
}

/** What the app's own scan says about a project, with the policy the CLI uses by default. */
async function engineReport(on: RunningSite, projectKey: string): Promise<GapReport> {
  const jira = createJiraClient(
    fetchTransport({ siteUrl: on.url, email: admin.JIRA_EMAIL, apiToken: admin.JIRA_API_TOKEN }),
  );
  const outcome = await scanProject(
    { jira, clock: { now: () => new Date() } },
    { projectKey, policy: defaultPolicy() },
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.report;
}

function expectSameAsEngine(entry: ProjectReport, engine: GapReport): void {
  expect(entry.error).toBeNull();
  expect(entry.gaps).toEqual(engine.gaps);
  expect(entry.summary).toMatchObject(engine.coverage);
}

/**
 * Projects the demo lacks, added as copies of SHOP's configuration: EMPTY (no issues), WARN (one story with an
 * eligible PO and no epic, so only a warning, with a summary a spreadsheet would run) and NOTASK (no issues, and
 * no Task or Bug issue type: its only execution-level type is Story).
 */
function addTestProjects(target: RunningSite): void {
  const snapshot = target.state.toSnapshot();
  const shop = snapshot.projects.find((p) => p.key === DEMO.projectKey);
  if (!shop) throw new Error('the demo has no SHOP project');
  snapshot.projects.push(
    { ...structuredClone(shop), id: '10900', key: 'EMPTY', name: 'Empty', nextNumber: 1 },
    { ...structuredClone(shop), id: '10901', key: 'WARN', name: 'Warnings only', nextNumber: 1 },
    {
      ...structuredClone(shop),
      id: '10902',
      key: 'NOTASK',
      name: 'Stories only',
      nextNumber: 1,
      issueTypeIds: [ISSUE_TYPE_IDS.epic, ISSUE_TYPE_IDS.story, ISSUE_TYPE_IDS.subtask],
    },
  );
  target.state.load(snapshot);
  const po = DEMO.people.poDirect.accountId;
  target.state.createIssue(
    {
      projectId: '10901',
      issueTypeId: ISSUE_TYPE_IDS.story,
      summary: FORMULA_SUMMARY,
      parentId: null,
      assigneeId: null,
      reporterId: po,
      properties: new Map([
        [
          OWNERSHIP_PROPERTY_KEY,
          { schema: 1, po: { accountId: po, setBy: po, setAt: '2026-01-05T10:00:00.000Z' } },
        ],
      ]),
    },
    po,
  );
}

beforeAll(async () => {
  await buildCli();
  site = await startSite({ dataDir: null, port: 0, seed: 'demo' });
  addTestProjects(site);
});

afterAll(async () => {
  await site?.close();
});

describe('role-split audit against the embedded site', () => {
  it('prints a JSON report valid against the schema, with the engine’s gaps, order and coverage', async () => {
    const run = await audit(['--site', site.url, '--project', DEMO.projectKey, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = json(run);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report).toMatchObject({ schemaVersion: 1, site: site.url });
    expect(Date.parse(report.generatedAt)).not.toBeNaN();
    const shop = project(report, DEMO.projectKey);
    expectSameAsEngine(shop, await engineReport(site, DEMO.projectKey));
    // The demo carries every code on purpose; a report missing one would hide a rule.
    for (const [code, count] of Object.entries(shop.summary.byCode))
      expectSaying(count, code).toBeGreaterThan(0);
    expect(report.policy).toMatchObject({
      roles: { pm: { source: 'project-roles', projectRoles: ['Product Manager'] } },
      executionTypes: ['Story'],
      includeDone: false,
      graceDays: 0,
      waiversApplied: false,
    });
  });

  it('prints CSV that reads back into the same gaps, with formulas neutralised', async () => {
    const args = ['--site', site.url, '--project', `${DEMO.projectKey},WARN`, '--fail-on', 'never'];
    const [csvRun, jsonRun] = await Promise.all([
      audit([...args, '--format', 'csv']),
      audit([...args, '--format', 'json']),
    ]);
    expect(csvRun.code).toBe(0);
    const [header, ...rows] = parseCsv(csvRun.stdout);
    expect(header).toEqual([...CSV_HEADER]);
    const expected = json(jsonRun).projects.flatMap((p) =>
      p.gaps.map((g) => [
        p.key,
        g.code,
        g.severity,
        g.issueKey,
        g.issueType,
        g.summary === FORMULA_SUMMARY ? `'${FORMULA_SUMMARY}` : g.summary,
        g.epicKey ?? '',
        g.owner?.accountId ?? '',
        g.owner?.displayName ?? '',
      ]),
    );
    expect(rows).toEqual(expected);
    expect(rows.some((r) => r[5] === `'${FORMULA_SUMMARY}`)).toBe(true);
  });

  it('prints a table within 80 columns with a summary block per project', async () => {
    const run = await audit(['--site', site.url, '--project', `${DEMO.projectKey},WARN,EMPTY`]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    for (const line of lines) expectSaying([...line].length, line).toBeLessThanOrEqual(80);
    const engine = await engineReport(site, DEMO.projectKey);
    const { strategyIssues, withPm, executionIssues, withPo } = engine.coverage;
    // Labels padded to one column; percentages rounded down like the UI's, never overstating coverage.
    const down = (part: number, whole: number): string => `${Math.floor((part * 100) / whole)}%`;
    expect(run.stdout).toContain(
      `  Epics & initiatives with a PM ${withPm} of ${strategyIssues} (${down(withPm, strategyIssues)})\n`,
    );
    expect(run.stdout).toContain(
      `  Stories with a PO             ${withPo} of ${executionIssues} (${down(withPo, executionIssues)})\n`,
    );
    for (const gap of engine.gaps) expect(run.stdout).toMatch(new RegExp(`${gap.code} +${gap.issueKey} `));
    expect(lines).toEqual(expect.arrayContaining(['WARN', 'EMPTY', '  No gaps.']));
  });

  describe('exit status', () => {
    it('is 1 when an error gap exists (default --fail-on error)', async () => {
      expect((await audit(['--site', site.url, '-p', DEMO.projectKey, '-f', 'json'])).code).toBe(1);
    });

    it('is 0 for warnings only, unless --fail-on warning', async () => {
      const lenient = await audit(['--site', site.url, '-p', 'WARN', '-f', 'json']);
      expect(lenient.code).toBe(0);
      expect(project(json(lenient), 'WARN').gaps.map((g) => g.code)).toEqual(['STORY_WITHOUT_EPIC']);
      // Not a terminal: nothing on stderr at all, not even progress.
      expect(lenient.stderr).toBe('');
      const strict = await audit(['--site', site.url, '-p', 'WARN', '-f', 'json', '--fail-on', 'warning']);
      expect(strict.code).toBe(1);
      expect(stderrLines(strict)).toEqual([
        expect.stringMatching(/^role-split: 1 gap found \(--fail-on warning\)/),
      ]);
    });

    it('is 0 with --fail-on never, whatever the gaps', async () => {
      expect((await audit(['--site', site.url, '-p', DEMO.projectKey, '--fail-on', 'never'])).code).toBe(0);
    });

    it('is 2 for a usage error, with one line on stderr and nothing on stdout', async () => {
      const run = await audit(['--site', site.url, '--format', 'xml', '-p', DEMO.projectKey]);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(stderrLines(run)).toEqual([expect.stringMatching(/--format must be one of table, json, csv/)]);
    });

    it('is 2 when the credentials are missing from the environment', async () => {
      const run = await audit(['--site', site.url, '-p', DEMO.projectKey], {});
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(stderrLines(run)).toEqual([expect.stringMatching(/Set JIRA_EMAIL and JIRA_API_TOKEN/)]);
    });

    it('is 2 for a site that cannot be reached', async () => {
      const closed = await startSite({ dataDir: null, port: 0, seed: 'demo' });
      const url = closed.url;
      await closed.close();
      const run = await audit(['--site', url, '-p', DEMO.projectKey]);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(stderrLines(run)).toEqual([expect.stringMatching(/Could not reach .*check --site/)]);
    });
  });

  it('refuses a wrong token with exit 2, a pointer to JIRA_API_TOKEN and the token never shown', async () => {
    const wrong = { JIRA_EMAIL: DEMO.adminUser.email, JIRA_API_TOKEN: 'wrong-token-4f9c2e' };
    const run = await audit(['--site', site.url, '-p', DEMO.projectKey, '-f', 'json'], wrong);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(stderrLines(run)).toEqual([
      expect.stringMatching(/HTTP 401.*check JIRA_EMAIL and JIRA_API_TOKEN/),
    ]);
  });

  it('reports an unknown project as an error (exit 2) and still reports the others', async () => {
    const run = await audit(['--site', site.url, '-p', `${DEMO.projectKey},NOPE`, '-f', 'json']);
    expect(run.code).toBe(2);
    const report = json(run);
    expect(reportSchemaErrors(report)).toEqual([]);
    const nope = project(report, 'NOPE');
    expect(nope.error).toMatch(/NOPE does not exist/);
    expect(nope.gaps).toEqual([]);
    expectSameAsEngine(project(report, DEMO.projectKey), await engineReport(site, DEMO.projectKey));
    expect(stderrLines(run)).toEqual([expect.stringMatching(/^role-split: NOPE: .*check --project/)]);
  });

  it('reports a project with no issues as covered and gap-free', async () => {
    const run = await audit(['--site', site.url, '-p', 'EMPTY', '-f', 'json', '--fail-on', 'warning']);
    expect(run.code).toBe(0);
    expect(project(json(run), 'EMPTY')).toMatchObject({
      error: null,
      summary: { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0 },
      gaps: [],
    });
  });

  describe('a token that cannot read project role members', () => {
    const sam = { JIRA_EMAIL: DEMO.people.poDirect.email, JIRA_API_TOKEN: DEMO.people.poDirect.apiToken };

    it('fails the project with exit 2 and points to --roster', async () => {
      const run = await audit(['--site', site.url, '-p', DEMO.projectKey, '-f', 'json'], sam);
      expect(run.code).toBe(2);
      expect(project(json(run), DEMO.projectKey).error).toMatch(/Administer Projects.*--roster FILE/);
      expect(stderrLines(run)).toEqual([expect.stringMatching(/--roster FILE/)]);
    });

    it('gives the same report as an admin with a --roster file of the role members', async () => {
      const shop = site.state.toSnapshot().projects.find((p) => p.key === DEMO.projectKey);
      const membersOf = (roleName: string): string[] =>
        (shop?.roles.find((r) => r.name === roleName)?.actors ?? []).flatMap((actor) =>
          actor.type === 'user'
            ? [actor.accountId]
            : site.state.membersOf(actor.groupName).map((u) => u.accountId),
        );
      const roster = { pm: membersOf('Product Manager'), po: membersOf('Product Owner') };
      expect(roster.pm.length).toBeGreaterThan(0);
      const file = join(mkdtempSync(join(tmpdir(), 'role-split-roster-')), 'roster.json');
      writeFileSync(file, JSON.stringify(roster));

      const run = await audit(
        ['--site', site.url, '-p', DEMO.projectKey, '-f', 'json', '--roster', file],
        sam,
      );
      expect(run.code).toBe(1);
      const report = json(run);
      expect(reportSchemaErrors(report)).toEqual([]);
      expect(report.policy.roles.pm).toEqual({ source: 'roster-file', accountIds: [...new Set(roster.pm)] });
      expectSameAsEngine(project(report, DEMO.projectKey), await engineReport(site, DEMO.projectKey));
    });
  });

  it('runs against the embedded demo site with --demo and no set-up', async () => {
    const run = await audit(['--demo', '--format', 'json'], {});
    expect(run.code).toBe(1);
    const report = json(run);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.site).toBe('demo');
    expect(report.projects.map((p) => p.key)).toEqual([DEMO.projectKey]);
    // A fresh demo seed in the CLI's own process; SHOP there is SHOP here.
    expectSameAsEngine(project(report, DEMO.projectKey), await engineReport(site, DEMO.projectKey));
  });

  it('names the demo projects when --demo is given one it lacks, without blaming JIRA_EMAIL', async () => {
    const run = await audit(['--demo', '--project', `${DEMO.projectKey},NOPE`, '--format', 'json'], {});
    expect(run.code).toBe(2);
    const nope = project(json(run), 'NOPE');
    // Every project of a fresh demo seed, the team-managed TEAM included (this suite's site has test projects
    // added, so the keys are named here; the CLI reads them from its own site).
    expect(nope.error).toBe(
      `Project NOPE does not exist on the demo site (projects: ${DEMO.projectKey}, ${DEMO.otherProjectKey}, ${DEMO.teamProject.key}): check --project.`,
    );
    expect(run.stderr).not.toContain('JIRA_EMAIL');
  });

  it('prints its version before or after the command, as both help texts say', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const args of [['--version'], ['-v'], ['audit', '--version']]) {
      expect(await runCli(args)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
    for (const args of [['--help'], ['audit', '--help']]) {
      expect((await runCli(args)).stdout).toMatch(/-v, --version +The version of role-split\./);
    }
  });

  it('honours --types, --include-done and the role names', async () => {
    const run = await audit([
      '--site',
      site.url,
      '-p',
      DEMO.projectKey,
      '-f',
      'json',
      '--types',
      'Story,Task',
      '--include-done',
      '--pm-role',
      'No Such Role',
    ]);
    expect(run.code).toBe(2);
    const report = json(run);
    expect(report.policy).toMatchObject({ executionTypes: ['Story', 'Task'], includeDone: true });
    expect(project(report, DEMO.projectKey).error).toMatch(/no role named "No Such Role"/);
  });
});

describe('role-split audit --types', () => {
  /** SHOP's execution-level (hierarchy level 0) issue types, as the site has them. */
  const shopTypes = (): string[] =>
    ISSUE_TYPES.filter((t) => t.hierarchyLevel === 0)
      .map((t) => t.name)
      .sort();

  it('is 2 for a type no audited project has, naming the execution-level types they have', async () => {
    const run = await audit(['--site', site.url, '-p', DEMO.projectKey, '--types', 'Storyy']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    const have = shopTypes();
    expect(have).toContain('Story');
    expect(stderrLines(run)).toEqual([
      `role-split: --types: no execution-level issue type named Storyy in ${DEMO.projectKey} (it has ${have.slice(0, -1).join(', ')} and ${have.at(-1)}): check --types.`,
    ]);
  });

  it('is 2 for a type that exists only above level 0', async () => {
    const run = await audit(['--site', site.url, '-p', 'NOTASK', '--types', 'Epic']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(stderrLines(run)).toEqual([
      'role-split: --types: no execution-level issue type named Epic in NOTASK (it has Story): check --types.',
    ]);
  });

  it('warns on one line about a type some projects lack, naming them, and reports every project', async () => {
    const args = ['--site', site.url, '-p', `${DEMO.projectKey},NOTASK`, '-f', 'json', '--fail-on', 'never'];
    const run = await audit([...args, '--types', 'Story,task']);
    expect(run.code).toBe(0);
    expect(stderrLines(run)).toEqual([
      'role-split: warning: no execution-level issue type named task in NOTASK: audited there without it (see --types).',
    ]);
    const report = json(run);
    expect(report.projects.map((p) => [p.key, p.error])).toEqual([
      [DEMO.projectKey, null],
      ['NOTASK', null],
    ]);
    // Task is still in scope where it exists: SHOP's report counts more execution issues than with Story alone.
    const storiesOnly = json(await audit([...args, '--types', 'Story']));
    expect(project(report, DEMO.projectKey).summary.executionIssues).toBeGreaterThan(
      project(storiesOnly, DEMO.projectKey).summary.executionIssues,
    );
  });

  it('checks the types against the demo site with --demo', async () => {
    const run = await audit(['--demo', '--types', 'Storyy'], {});
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(stderrLines(run)).toEqual([
      expect.stringMatching(/^role-split: --types: .*Storyy in SHOP .*check --types\.$/),
    ]);
  });
});

describe('role-split audit on a project of many pages', () => {
  let large: RunningSite;
  let unfaulted: { run: CliRun; requests: number };

  beforeAll(async () => {
    large = await startSite({ dataDir: null, port: 0, seed: { issues: 1200 } });
    // A scale test runs at a realistic Jira latency (100 ms a request), as every scale figure here does.
    large.faults.set({ latencyMs: 100 });
  });

  afterAll(async () => {
    await large?.close();
  });

  it('reads every page and reports what the engine reports', async () => {
    large.counters.reset();
    const run = await audit(['--site', large.url, '-p', DEMO.projectKey, '-f', 'json']);
    const counts = large.counters.snapshot();
    unfaulted = { run, requests: total(counts) };
    expect(run.code).toBe(1);
    // 1,200 issues: their ids in one page, the open ones (about two thirds) in bulk fetches of 100.
    expect(counts[SEARCH]).toBeGreaterThanOrEqual(1);
    expect(counts[BULK_FETCH]).toBeGreaterThanOrEqual(6);
    const shop = project(json(run), DEMO.projectKey);
    expectSameAsEngine(shop, await engineReport(large, DEMO.projectKey));
    expect(shop.summary.strategyIssues + shop.summary.executionIssues).toBeGreaterThan(100);
  });

  it('waits out 429 answers with Retry-After in the middle of the scan and reports the same', async () => {
    large.counters.reset();
    // Three requests a second: the first calls pass, then the parallel bulk fetches meet 429 + Retry-After: 1.
    large.faults.set({ rateLimit: { perSecond: 3, retryAfterSeconds: 1 } });
    try {
      const run = await audit(['--site', large.url, '-p', DEMO.projectKey, '-f', 'json']);
      expect(run.code).toBe(unfaulted.run.code);
      expect(run.stderr).toBe(unfaulted.run.stderr);
      // More requests than without the limit: some were refused with 429 and asked again.
      expect(total(large.counters.snapshot())).toBeGreaterThan(unfaulted.requests);
      const { generatedAt: _a, ...faulted } = json(run);
      const { generatedAt: _b, ...clean } = json(unfaulted.run);
      expect(faulted).toEqual(clean);
    } finally {
      large.faults.clear();
    }
  }, 120_000);
});

describe('bin/role-split.cjs', () => {
  it('says to run npm run build when the bundle is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'role-split-bin-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(repoRoot, 'bin/role-split.cjs'), join(dir, 'bin/role-split.cjs'));
    const failure = await promisify(execFile)(process.execPath, [
      join(dir, 'bin/role-split.cjs'),
      'audit',
      '--demo',
    ]).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/run `npm run build`/);
  });
});
