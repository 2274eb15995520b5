// The shared scan (page, notifications, CLI) and the issue panel's use case, end to end over HTTP against the
// embedded site: the demo's intended gaps come out, a scan costs pages not issues, the panel agrees with the
// scan issue by issue, and an unreadable roster fails loudly instead of marking owners ineligible.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectSaying } from '../../support/jest-helpers';
import { describeIssue } from '../../../src/app/describe-issue';
import { scanProject } from '../../../src/app/scan-project';
import { GAP_CODES } from '../../../src/domain/model';
import { defaultPolicy, parsePolicy } from '../../../src/domain/policy';
import { createJiraClient, fetchTransport } from '../../../src/jira';
import { ISSUE_TYPE_IDS } from '../../../sandbox/site/catalog';
import { DEMO, SEARCH_LIMITS, startSite, type DemoUser, type RunningSite } from '../../../sandbox/site';

const clock = { now: () => new Date(DEMO.now) };

function portsAs(site: RunningSite, user: DemoUser) {
  return {
    jira: createJiraClient(fetchTransport({ siteUrl: site.url, email: user.email, apiToken: user.apiToken })),
    clock,
  };
}

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

  it('costs one search page per page of issues plus a handful of fixed calls, nothing per issue', async () => {
    site.counters.reset();
    const outcome = await scanProject(portsAs(site, DEMO.adminUser), {
      projectKey: DEMO.projectKey,
      policy: defaultPolicy(),
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const counts = site.counters.snapshot();
    const pages = Math.ceil(outcome.issuesRead / SEARCH_LIMITS.fieldsMax);
    expect(counts['POST /rest/api/3/search/jql']).toBeLessThanOrEqual(pages + 2);
    expect(counts['GET /rest/api/3/issue/{issueIdOrKey}'] ?? 0).toBe(0);
    expect(counts['GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}'] ?? 0).toBe(0);
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
