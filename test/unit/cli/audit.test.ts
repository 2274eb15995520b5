import { describe, expect, it } from '@jest/globals';
import type { AuditOptions } from '../../../src/cli/args';
import { runAudit, type AuditContext } from '../../../src/cli/audit';
import type { ScanOutcome, ScanRequest } from '../../../src/app/scan-project';
import type { Gap } from '../../../src/domain/model';
import { JiraError, type JiraErrorKind } from '../../../src/jira/errors';
import type { JiraClient } from '../../../src/jira/types';
import { gap } from './sample-report';

function unused(): never {
  throw new Error('not used by the audit use case');
}

/** Only getMyself is called by the use case itself; scans are faked below. */
function jiraWith(getMyself: JiraClient['getMyself']): JiraClient {
  return {
    getMyself,
    getProject: unused,
    getProjectIssueTypes: unused,
    searchPage: unused,
    searchAll: unused,
    getIssue: unused,
    getIssueProperty: unused,
    setIssueProperty: unused,
    deleteIssueProperty: unused,
    bulkSetIssueProperties: unused,
    getTask: unused,
    getProjectRoles: unused,
    getProjectRole: unused,
    getUserGroups: unused,
    getUsers: unused,
    hasPermission: unused,
    checkPermissions: unused,
    notifyIssue: unused,
  };
}

const me = jiraWith(() =>
  Promise.resolve({ accountId: 'me', displayName: 'Me', active: true, accountType: 'atlassian' }),
);

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
      context(
        () => {
          scans++;
          return Promise.resolve(scanned('ABC', []));
        },
        jiraWith(() => Promise.reject(jiraError(kind))),
      ),
      options,
    );
    expect(result.kind).toBe('fatal');
    expect(result.kind === 'fatal' && result.message).toMatch(message);
    expect(scans).toBe(0);
  });
});
