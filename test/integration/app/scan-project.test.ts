// The shared scan (page, notifications, CLI) and the issue panel's use case, end to end over HTTP against the
// embedded site: the demo's intended gaps come out, the parallel scan's report equals a full read's (as the
// app, as an admin, as a viewer outside a security level), a full scan stays within its request budget even
// when Jira rate-limits it midway, the panel agrees with the scan issue by issue, and an unreadable roster
// fails loudly instead of marking owners ineligible.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectSaying } from '../../support/jest-helpers';
import { referenceScan } from '../../support/reference-scan';
import { scanBudget } from '../../support/scan-budget';
import { describeIssue } from '../../../src/app/describe-issue';
import { allIssueIds, fetchIssues, scanJql } from '../../../src/app/scan';
import { scanProject } from '../../../src/app/scan-project';
import { GAP_CODES } from '../../../src/domain/model';
import { defaultPolicy, parsePolicy, type Policy } from '../../../src/domain/policy';
import { createJiraClient, fetchTransport, type JiraTransport } from '../../../src/jira';
import { ISSUE_TYPE_IDS } from '../../../sandbox/site/catalog';
import { AS_HEADER, SECRET_HEADER } from '../../../sandbox/site/auth';
import { DEMO, startSite, type DemoUser, type RunningSite } from '../../../sandbox/site';

const clock = { now: () => new Date(DEMO.now) };

function portsAs(site: RunningSite, user: DemoUser) {
  return {
    jira: createJiraClient(fetchTransport({ siteUrl: site.url, email: user.email, apiToken: user.apiToken })),
    clock,
  };
}

/** The Forge app's own identity on the site (what `asApp()` reads as), counting answers by status. */
function appPorts(site: RunningSite, statuses: number[] = []) {
  const inner = fetchTransport({
    siteUrl: site.url,
    email: 'app@example.com',
    apiToken: 'unused',
    extraHeaders: { [SECRET_HEADER]: site.secret, [AS_HEADER]: 'app' },
  });
  const transport: JiraTransport = async (request) => {
    const response = await inner(request);
    statuses.push(response.status);
    return response;
  };
  return { jira: createJiraClient(transport), clock };
}

const POLICIES: Record<string, Policy> = {
  default: defaultPolicy(),
  'done included': parsePolicy({ includeDone: true }),
  'grace of 30 days': parsePolicy({ graceDays: 30 }),
  'Task and Bug in scope': parsePolicy({ executionTypes: ['Story', 'Task', 'Bug'] }),
};

describe('scanProject on the demo site', () => {
  let site: RunningSite;
  beforeAll(async () => {
    site = await startSite({ dataDir: null });
  });
  afterAll(async () => {
    await site.close();
  });

  it('finds exactly the gaps the demo data places on purpose', async () => {
    const outcome = await scanProject(portsAs(site, DEMO.adminUser), {
      projectKey: DEMO.projectKey,
      policy: defaultPolicy(),
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const found = new Set(outcome.report.gaps.map((g) => `${g.code} ${g.issueKey}`));
    const intended = new Set(
      Object.entries(DEMO.gapExamples).flatMap(([code, keys]) => keys.map((key) => `${code} ${key}`)),
    );
    expect(found).toEqual(intended);
    expect(new Set(outcome.report.gaps.map((g) => g.code))).toEqual(new Set(GAP_CODES));
    expect(outcome.report.coverage.withPm).toBeLessThan(outcome.report.coverage.strategyIssues);
  });

  it('stays within its request budget, and reads no issue one at a time', async () => {
    const ports = portsAs(site, DEMO.adminUser);
    const budget = await scanBudget(ports.jira, DEMO.projectKey, defaultPolicy());
    site.counters.reset();
    const outcome = await scanProject(ports, { projectKey: DEMO.projectKey, policy: defaultPolicy() });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const counts = site.counters.snapshot();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expectSaying(total, JSON.stringify({ counts, budget })).toBeLessThanOrEqual(budget.budget);
    expect(counts['GET /rest/api/3/issue/{issueIdOrKey}'] ?? 0).toBe(0);
    expect(counts['GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}'] ?? 0).toBe(0);
    expect(counts['POST /rest/api/3/issue/bulkfetch']).toBeLessThanOrEqual(Math.ceil(budget.n / 100));
    expect(counts['GET /rest/api/3/user/bulk']).toBe(1);
  });

  it('counts an epic whose parent lives in another project: a MOB story under a SHOP epic has an epic', async () => {
    const outcome = await scanProject(portsAs(site, DEMO.adminUser), {
      projectKey: DEMO.otherProjectKey,
      policy: defaultPolicy(),
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const story = DEMO.issues.crossProjectStory;
    expect(
      outcome.report.gaps.filter((g) => g.issueKey === story && g.code === 'STORY_WITHOUT_EPIC'),
    ).toEqual([]);
    const anyGap = outcome.report.gaps.find((g) => g.issueKey === story);
    if (anyGap) expect(anyGap.epicKey?.startsWith(`${DEMO.projectKey}-`)).toBe(true);
  });

  it('fails with ROSTER_UNAVAILABLE when a role source cannot be read, instead of calling owners ineligible', async () => {
    const missingRole = parsePolicy({
      roles: { pm: { projectRoles: ['Chief Product Wizard'] }, po: { projectRoles: ['Product Owner'] } },
    });
    const outcome = await scanProject(portsAs(site, DEMO.adminUser), {
      projectKey: DEMO.projectKey,
      policy: missingRole,
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toContain('Chief Product Wizard');

    // A developer's token cannot read project role members (needs Administer Projects).
    const asDeveloper = await scanProject(portsAs(site, DEMO.people.developer), {
      projectKey: DEMO.projectKey,
      policy: defaultPolicy(),
    });
    expect(asDeveloper.ok).toBe(false);
    if (!asDeveloper.ok) expect(asDeveloper.error.message).toMatch(/Administer Projects/);
  });

  it('turns Jira’s 401 (role list) and 404 (one role) into ROSTER_UNAVAILABLE once the project was read', async () => {
    // Diego administers SHOP for a moment: the role list reads, then the grant is withdrawn before the role
    // itself is read, so that read meets Jira's 404 for "not allowed" (not "no such project").
    const diego = { type: 'user', accountId: DEMO.people.developer.accountId } as const;
    site.state.addRoleActor(DEMO.projectKey, 'Administrators', diego);
    const real = portsAs(site, DEMO.people.developer);
    let roleReads = 0;
    const jira = {
      ...real.jira,
      getProjectRoles: async (key: string) => {
        const roles = await real.jira.getProjectRoles(key);
        site.state.removeRoleActor(DEMO.projectKey, 'Administrators', diego);
        return roles;
      },
      getProjectRole: (key: string, id: number) => {
        roleReads += 1;
        return real.jira.getProjectRole(key, id);
      },
    };
    try {
      const outcome = await scanProject(
        { ...real, jira },
        { projectKey: DEMO.projectKey, policy: defaultPolicy() },
      );
      expect(roleReads).toBeGreaterThan(0);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.code).toBe('ROSTER_UNAVAILABLE');
    } finally {
      site.state.removeRoleActor(DEMO.projectKey, 'Administrators', diego);
    }

    // Without the grant from the start, the role list itself answers 401: the same outcome.
    const asDeveloper = await scanProject(portsAs(site, DEMO.people.developer), {
      projectKey: DEMO.projectKey,
      policy: defaultPolicy(),
    });
    expect(asDeveloper.ok ? 'ok' : asDeveloper.error.code).toBe('ROSTER_UNAVAILABLE');

    // A project the reader cannot see stays "not found": the scan does not turn it into a roster problem.
    await expect(
      scanProject(portsAs(site, DEMO.people.outsider), {
        projectKey: DEMO.projectKey,
        policy: defaultPolicy(),
      }),
    ).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('takes an explicit roster instead of role sources', async () => {
    const outcome = await scanProject(portsAs(site, DEMO.people.developer), {
      projectKey: DEMO.projectKey,
      policy: defaultPolicy(),
      roster: { pm: [DEMO.people.pmDirect.accountId], po: [DEMO.people.poDirect.accountId] },
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    // Lars holds the PM role only through a group; with this roster his epics are no longer covered.
    const lars = outcome.report.gaps.filter(
      (g) => g.code === 'PM_NOT_ELIGIBLE' && g.owner?.accountId === DEMO.people.pmViaGroup.accountId,
    );
    expect(lars.length).toBeGreaterThan(0);
  });

  it('gives the issue panel the same gaps as the project scan, issue by issue', async () => {
    const ports = portsAs(site, DEMO.adminUser);
    const policy = defaultPolicy();
    const outcome = await scanProject(ports, { projectKey: DEMO.projectKey, policy });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const keys = [
      ...new Set([
        ...outcome.report.gaps.map((g) => g.issueKey),
        DEMO.issues.coveredEpic,
        DEMO.issues.coveredStory,
        DEMO.issues.epicWithStoriesElsewhere,
        DEMO.issues.initiative,
      ]),
    ];
    for (const key of keys) {
      const panel = await describeIssue(ports, { issueKey: key, policy });
      expectSaying(panel.gaps, key).toEqual(outcome.report.gaps.filter((g) => g.issueKey === key));
      for (const check of panel.checks) {
        const failed = panel.gaps.some((g) => g.code === check.code);
        if (failed) expectSaying(check.status, `${key} ${check.code}`).toBe('fail');
        else expectSaying(['pass', 'skipped'], `${key} ${check.code}`).toContain(check.status);
      }
    }
  });

  it('describes a story with its epic and PM, an epic with its stories elsewhere, and a sub-task as out of scope', async () => {
    const ports = portsAs(site, DEMO.adminUser);
    const policy = defaultPolicy();
    const story = await describeIssue(ports, { issueKey: DEMO.issues.coveredStory, policy });
    expect(story.slot).toBe('po');
    expect(story.owner?.eligible).toBe(true);
    expect(story.epic?.key).toBe(DEMO.issues.coveredEpic);
    expect(story.epic?.pm?.accountId).toBe(DEMO.people.pmDirect.accountId);

    const epicElsewhere = await describeIssue(ports, {
      issueKey: DEMO.issues.epicWithStoriesElsewhere,
      policy,
    });
    expect(epicElsewhere.slot).toBe('pm');
    expect(epicElsewhere.stories?.total).toBeGreaterThan(0);
    expect(epicElsewhere.stories?.items.every((s) => s.key.startsWith(`${DEMO.otherProjectKey}-`))).toBe(
      true,
    );
    expect(epicElsewhere.gaps.map((g) => g.code)).not.toContain('EPIC_WITHOUT_STORIES');

    const issues = site.state.toSnapshot().issues;
    const subtask = issues.find(
      (i) => i.key.startsWith(`${DEMO.projectKey}-`) && i.issueTypeId === ISSUE_TYPE_IDS.subtask,
    );
    expect(subtask).toBeDefined();
    const panel = await describeIssue(ports, { issueKey: subtask!.key, policy });
    expect(panel.slot).toBeNull();
    expect(panel.outOfScopeReason).toBe('subtask');
    expect(panel.checks).toEqual([]);
  });
});

describe('the parallel scan equals a full read on the demo site', () => {
  let site: RunningSite;
  beforeAll(async () => {
    site = await startSite({ dataDir: null });
  });
  afterAll(async () => {
    await site.close();
  });

  const readers: Array<[string, (site: RunningSite) => ReturnType<typeof appPorts>]> = [
    ['the app (outside the Security team level)', (s) => appPorts(s)],
    ['an admin (in every level)', (s) => portsAs(s, DEMO.adminUser)],
  ];

  for (const [readerName, portsFor] of readers) {
    for (const [policyName, policy] of Object.entries(POLICIES)) {
      for (const projectKey of [DEMO.projectKey, DEMO.otherProjectKey]) {
        it(`${projectKey} as ${readerName}, ${policyName}`, async () => {
          const ports = portsFor(site);
          const reference = await referenceScan(ports, { projectKey, policy });
          const parallel = await scanProject(ports, { projectKey, policy });
          if (!reference.ok || !parallel.ok) throw new Error('a roster was unavailable');
          expect(parallel.report).toEqual(reference.report);
        });
      }
    }
  }

  it('as a viewer outside Product leadership (roster given): the secured epic is not there to read', async () => {
    const ports = portsAs(site, DEMO.people.viewer);
    const roster = { pm: [DEMO.people.pmDirect.accountId], po: [DEMO.people.poDirect.accountId] };
    const reference = await referenceScan(ports, {
      projectKey: DEMO.projectKey,
      policy: defaultPolicy(),
      roster,
    });
    const parallel = await scanProject(ports, {
      projectKey: DEMO.projectKey,
      policy: defaultPolicy(),
      roster,
    });
    if (!reference.ok || !parallel.ok) throw new Error('roster');
    expect(parallel.report).toEqual(reference.report);
    const keys = new Set(parallel.report.gaps.map((g) => g.issueKey));
    expect(keys.has(DEMO.security.securedEpic)).toBe(false);
    expect(parallel.report.gaps.some((g) => g.epicKey === DEMO.security.securedEpic)).toBe(false);
  });

  it('marks the issues that have a security level, and reads none the reader is not allowed', async () => {
    const ports = portsAs(site, DEMO.adminUser);
    const ids = await allIssueIds(ports.jira, scanJql(DEMO.projectKey, parsePolicy({ includeDone: true })));
    const { facts } = await fetchIssues(ports.jira, ids);
    const secured = facts
      .filter((f) => f.secured === true)
      .map((f) => f.key)
      .sort();
    expect(secured).toEqual(
      [DEMO.security.securedEpic, DEMO.security.securedStory, DEMO.security.securedTask].sort(),
    );
    const app = appPorts(site);
    const appIds = await allIssueIds(app.jira, scanJql(DEMO.projectKey, parsePolicy({ includeDone: true })));
    const appFacts = (await fetchIssues(app.jira, appIds)).facts;
    expect(appFacts.map((f) => f.key)).not.toContain(DEMO.security.securedTask);
    expect(
      appFacts
        .filter((f) => f.secured === true)
        .map((f) => f.key)
        .sort(),
    ).toEqual([DEMO.security.securedEpic, DEMO.security.securedStory].sort());
  });
});

describe('a full scan of a generated project', () => {
  const ISSUES = 3000;
  let site: RunningSite;
  beforeAll(async () => {
    site = await startSite({ dataDir: null, seed: { issues: ISSUES } });
  });
  afterAll(async () => {
    await site.close();
  });

  it('stays within ceil(N/100) + ceil(N/5,000) + ceil(E/100) + ceil(P/50) + G + 10 requests', async () => {
    for (const policy of [defaultPolicy(), parsePolicy({ includeDone: true })]) {
      const ports = appPorts(site);
      const budget = await scanBudget(ports.jira, DEMO.projectKey, policy);
      site.counters.reset();
      const outcome = await scanProject(ports, { projectKey: DEMO.projectKey, policy });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const counts = site.counters.snapshot();
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      expectSaying(total, JSON.stringify({ counts, budget })).toBeLessThanOrEqual(budget.budget);
      expect(budget.n).toBe(ISSUES);
      expect(outcome.issuesRead).toBeGreaterThan(ISSUES / 2);
    }
  });

  it('ends with the same report when Jira answers 429 with Retry-After midway', async () => {
    const policy = defaultPolicy();
    const clean = await scanProject(appPorts(site), { projectKey: DEMO.projectKey, policy });
    const statuses: number[] = [];
    // At most 6 requests a second: the scan's 16 parallel bulk fetches meet 429s and Retry-After: 1.
    site.faults.set({ rateLimit: { perSecond: 6, retryAfterSeconds: 1 } });
    try {
      const limited = await scanProject(appPorts(site, statuses), { projectKey: DEMO.projectKey, policy });
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect(limited).toEqual(clean);
    } finally {
      site.faults.set({ rateLimit: null });
    }
  });
});
