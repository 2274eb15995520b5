import { describe, expect, it } from '@jest/globals';
import type { AuditOptions } from '../../../src/cli/args';
import { runAudit, type AuditContext } from '../../../src/cli/audit';
import type { ScanOutcome, ScanRequest } from '../../../src/app/scan-project';
import type { Gap } from '../../../src/domain/model';
import { JiraError, type JiraErrorKind } from '../../../src/jira/errors';
import type { JiraClient } from '../../../src/jira/types';
import { FakeJira } from '../../support/fake-jira';
import { gap } from './sample-report';

/** Projects ABC and DEF with the issue types of a Premium site (Story, Task and Bug at level 0). */
function aSite(): FakeJira {
  return new FakeJira().addProject({ key: 'ABC' }).addProject({ key: 'DEF' });
}

const me = aSite().app;

function jiraError(kind: JiraErrorKind): JiraError {
  return new JiraError({ kind, endpoint: 'GET /rest/api/3/test', status: 400 });
}

function scanned(key: string, gaps: Gap[]): ScanOutcome {
  return {
    ok: true,
    project: { id: '1', key, name: key },
    report: { coverage: { strategyIssues: 1, withPm: 1, executionIssues: 1, withPo: 0 }, gaps, waived: [] },
    issuesRead: 2,
    scannedAt: '2026-01-01T00:00:00.000Z',
    accounts: new Map(),
  };
}

const options: AuditOptions = {
  target: { kind: 'site', url: 'https://acme.atlassian.net' },
  projects: ['ABC'],
  format: 'json',
  failOn: 'error',
  pmRole: 'PM',
  poRole: 'PO',
  executionTypes: ['Story', 'Task'],
  includeDone: true,
  rosterFile: null,
};

function context(scan: (request: ScanRequest) => Promise<ScanOutcome>, jira: JiraClient = me): AuditContext {
  return {
    jira,
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    site: 'https://acme.atlassian.net',
    roster: null,
    scan: (_ports, request) => scan(request),
  };
}

describe('runAudit', () => {
  it('scans with the policy the options describe', async () => {
    const requests: ScanRequest[] = [];
    await runAudit(
      context((request) => {
        requests.push(request);
        return Promise.resolve(scanned('ABC', []));
      }),
      options,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]?.policy).toMatchObject({
      roles: { pm: { projectRoles: ['PM'] }, po: { projectRoles: ['PO'] } },
      executionTypes: ['Story', 'Task'],
      includeDone: true,
      graceDays: 0,
    });
    expect(requests[0]?.roster).toBeUndefined();
  });

  it('passes a roster file on to the scan', async () => {
    let seen: ScanRequest | undefined;
    const ctx = context((request) => {
      seen = request;
      return Promise.resolve(scanned('ABC', []));
    });
    await runAudit({ ...ctx, roster: { pm: ['a'], po: ['b'] } }, options);
    expect(seen?.roster).toEqual({ pm: ['a'], po: ['b'] });
  });

  it.each([
    ['error', [gap()], 1],
    ['error', [gap({ severity: 'warning', code: 'STORY_WITHOUT_EPIC' })], 0],
    ['warning', [gap({ severity: 'warning', code: 'STORY_WITHOUT_EPIC' })], 1],
    ['never', [gap()], 0],
    ['warning', [], 0],
  ] as const)('with --fail-on %s and %j exits %i', async (failOn, gaps, exitCode) => {
    const result = await runAudit(
      context(() => Promise.resolve(scanned('ABC', [...gaps]))),
      { ...options, failOn },
    );
    expect(result.kind === 'report' && result.exitCode).toBe(exitCode);
  });

  it('reports the other projects when one cannot be read, and exits 2 even with gaps', async () => {
    const result = await runAudit(
      context((request) =>
        request.projectKey === 'NOPE'
          ? Promise.reject(jiraError('not-found'))
          : Promise.resolve(scanned(request.projectKey, [gap()])),
      ),
      { ...options, projects: ['ABC', 'NOPE', 'DEF'] },
    );
    if (result.kind !== 'report') throw new Error('expected a report');
    expect(result.exitCode).toBe(2);
    expect(result.report.projects.map((p) => [p.key, p.error === null, p.gaps.length])).toEqual([
      ['ABC', true, 1],
      ['NOPE', false, 0],
      ['DEF', true, 1],
    ]);
    expect(result.messages).toEqual([expect.stringMatching(/^NOPE: Project NOPE does not exist.*--project/)]);
  });

  it('names the demo projects for an unknown key on the demo site, where JIRA_EMAIL plays no part', async () => {
    const result = await runAudit(
      { ...context(() => Promise.reject(jiraError('not-found'))), demoProjectKeys: ['SHOP', 'MOB'] },
      { ...options, projects: ['NOPE'] },
    );
    if (result.kind !== 'report') throw new Error('expected a report');
    expect(result.report.projects[0]?.error).toBe(
      'Project NOPE does not exist on the demo site (projects: SHOP, MOB): check --project.',
    );
    expect(result.messages.join('\n')).not.toContain('JIRA_EMAIL');
  });

  it('points to --roster when role members cannot be read', async () => {
    const result = await runAudit(
      context(() =>
        Promise.resolve({
          ok: false,
          error: {
            code: 'ROSTER_UNAVAILABLE',
            source: 'project role',
            message: 'Could not read it: Administer Projects.',
          },
        }),
      ),
      options,
    );
    if (result.kind !== 'report') throw new Error('expected a report');
    expect(result.exitCode).toBe(2);
    expect(result.report.projects[0]?.error).toMatch(/Administer Projects.*--roster FILE/);
  });

  it.each([
    ['unauthorized', /JIRA_EMAIL and JIRA_API_TOKEN/],
    ['network', /Could not reach .*--site/],
    ['not-found', /does not answer as a Jira Cloud site/],
  ] as const)('stops before scanning when the credentials check fails (%s)', async (kind, message) => {
    let scans = 0;
    const result = await runAudit(
      context(() => {
        scans++;
        return Promise.resolve(scanned('ABC', []));
      }, aSite().refuse('getMyself', kind).app),
      options,
    );
    expect(result.kind).toBe('fatal');
    expect(result.kind === 'fatal' && result.message).toMatch(message);
    expect(scans).toBe(0);
  });
});

describe('runAudit --types', () => {
  /** ABC has every type; DEF is a team-managed project with only Epic, Task and Sub-task. */
  function twoKinds(): FakeJira {
    return new FakeJira().addProject({ key: 'ABC' }).addProject({
      key: 'DEF',
      issueTypes: [
        { id: '20001', name: 'Epic', hierarchyLevel: 1 },
        { id: '20002', name: 'Task', hierarchyLevel: 0 },
        { id: '20003', name: 'Sub-task', hierarchyLevel: -1 },
      ],
    });
  }

  /** A context whose scan records the projects it was asked for. */
  function counting(jira: JiraClient): { ctx: AuditContext; keys: string[] } {
    const keys: string[] = [];
    const ctx = context((request) => {
      keys.push(request.projectKey);
      return Promise.resolve(scanned(request.projectKey, []));
    }, jira);
    return { ctx, keys };
  }

  it('stops before scanning when no project has a named type, naming the level-0 types they have', async () => {
    const { ctx, keys } = counting(twoKinds().app);
    const result = await runAudit(ctx, { ...options, projects: ['ABC', 'DEF'], executionTypes: ['Storyy'] });
    expect(result).toEqual({
      kind: 'fatal',
      message:
        '--types: no execution-level issue type named Storyy in ABC and DEF (they have Bug, Story and Task): check --types.',
    });
    expect(keys).toEqual([]);
  });

  it('refuses a type that exists only above level 0, and names every unknown type at once', async () => {
    const result = await runAudit(counting(twoKinds().app).ctx, {
      ...options,
      projects: ['DEF'],
      executionTypes: ['Epic', 'Task', 'Bugg'],
    });
    expect(result).toEqual({
      kind: 'fatal',
      message:
        '--types: no execution-level issue type named Epic or Bugg in DEF (it has Task): check --types.',
    });
  });

  it('warns, naming the projects, about a type only some projects lack, and audits them all', async () => {
    const { ctx, keys } = counting(twoKinds().app);
    const result = await runAudit(ctx, {
      ...options,
      projects: ['ABC', 'DEF'],
      executionTypes: ['story', 'Task'],
    });
    if (result.kind !== 'report') throw new Error('expected a report');
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      'warning: no execution-level issue type named story in DEF: audited there without it (see --types).',
    ]);
    expect(result.messages).toEqual([]);
    expect(keys).toEqual(['ABC', 'DEF']);
  });

  it('costs two small reads per project and warns about nothing when every project has every type', async () => {
    const site = twoKinds();
    const result = await runAudit(counting(site.app).ctx, {
      ...options,
      projects: ['ABC', 'DEF'],
      executionTypes: ['TASK'],
    });
    expect(result).toMatchObject({ kind: 'report', warnings: [] });
    // Plus one read of each project's stored policy (the role-split-policy property).
    expect(site.app.calls.snapshot()).toEqual({
      getMyself: 1,
      getProject: 2,
      getProjectIssueTypes: 2,
      getProjectProperty: 2,
    });
  });

  it('leaves a project it cannot read to the scan, which reports why', async () => {
    const site = twoKinds().refuse('getProjectIssueTypes', 'forbidden', { when: ([id]) => id !== '10000' });
    const { ctx, keys } = counting(site.app);
    const result = await runAudit(ctx, {
      ...options,
      projects: ['ABC', 'NOPE', 'DEF'],
      executionTypes: ['Story'],
    });
    expect(result).toMatchObject({ kind: 'report', warnings: [] });
    expect(keys).toEqual(['ABC', 'NOPE', 'DEF']);
    // With nothing readable there is nothing to check against: the scans say what is wrong.
    const none = await runAudit(counting(site.app).ctx, {
      ...options,
      projects: ['NOPE'],
      executionTypes: ['Zz'],
    });
    expect(none.kind).toBe('report');
  });

  it('lets anything but a Jira answer through as the failure it is', async () => {
    const site = twoKinds();
    const broken: JiraClient = {
      ...site.app,
      getProjectIssueTypes: () => Promise.reject(new TypeError('bug')),
    };
    await expect(runAudit(counting(broken).ctx, options)).rejects.toThrow('bug');
  });
});
