// The shared scan (project page, notifications, CLI) over the fake Jira: the report it returns for a small
// project with every kind of owner, what it costs in requests, paging, issues in other projects, and the
// roster failing loudly. Expectations are written from the product's rules, not read back from the engine.
import { describe, expect, it } from '@jest/globals';
import { scanProject } from '../../../src/app/scan-project';
import type { Gap } from '../../../src/domain/model';
import { TEST_NOW, aPolicy, aWaiver, anEpic, anIssue, aStory } from '../../support/builders';
import { PEOPLE, aSite, portsOf } from './site';

const policy = aPolicy();

/** A small project where each issue carries one problem (or none), so each gap below has one cause. */
function aProject() {
  return aSite().addIssues(
    anEpic('ALPHA-1', { pm: PEOPLE.pm, summary: 'Checkout' }),
    aStory('ALPHA-2', { parent: 'ALPHA-1', po: PEOPLE.po }),
    aStory('ALPHA-3', { parent: 'ALPHA-1', po: PEOPLE.poByGroup }),
    aStory('ALPHA-4', { parent: 'ALPHA-1' }),
    aStory('ALPHA-5', { parent: 'ALPHA-1', po: PEOPLE.outsider }),
    anEpic('ALPHA-6', { pm: PEOPLE.pmInactive }),
    anEpic('ALPHA-7', { pm: PEOPLE.pmByGroup }),
    // Its PO is its epic's PM, and holds only the PM role.
    aStory('ALPHA-8', { parent: 'ALPHA-7', po: PEOPLE.pmByGroup }),
    aStory('ALPHA-9', { po: PEOPLE.po }),
    anEpic('ALPHA-10'),
    aStory('ALPHA-11', { parent: 'ALPHA-10', po: 'ghost' }),
    anIssue({ key: 'ALPHA-12', type: 'Sub-task', parent: 'ALPHA-2' }),
    anIssue({ key: 'ALPHA-13', type: 'Task' }),
    aStory('ALPHA-14', { statusCategory: 'done' }),
    aStory('ALPHA-15', { parent: 'ALPHA-1', ownership: { schema: 2 } }),
    anEpic('ALPHA-16', { po: PEOPLE.po }),
  );
}

function codesAndKeys(gaps: readonly Gap[]): string[] {
  return gaps.map((g) => `${g.code} ${g.issueKey}`);
}

async function scan(site = aProject(), request: Partial<Parameters<typeof scanProject>[1]> = {}) {
  const outcome = await scanProject(portsOf(site.app), { projectKey: 'ALPHA', policy, ...request });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome;
}

describe('scanProject', () => {
  it('reports each gap once, errors first, in rule then key order', async () => {
    const { report } = await scan();
    expect(codesAndKeys(report.gaps)).toEqual([
      'OWNERSHIP_INVALID ALPHA-15',
      'EPIC_WITHOUT_PM ALPHA-10',
      'EPIC_WITHOUT_PM ALPHA-16',
      'PM_NOT_ELIGIBLE ALPHA-6',
      'STORY_WITHOUT_PO ALPHA-4',
      'PO_NOT_ELIGIBLE ALPHA-5',
      'PO_NOT_ELIGIBLE ALPHA-8',
      'PO_NOT_ELIGIBLE ALPHA-11',
      'ROLE_MISPLACED ALPHA-16',
      'SAME_PERSON_PM_AND_PO ALPHA-8',
      'STORY_WITHOUT_EPIC ALPHA-9',
      'EPIC_WITHOUT_STORIES ALPHA-6',
      'EPIC_WITHOUT_STORIES ALPHA-16',
    ]);
  });

  it('names the owner, the epic and the issue in each gap', async () => {
    const { report } = await scan();
    const find = (code: string, key: string) =>
      report.gaps.find((g) => g.code === code && g.issueKey === key);
    expect(find('PO_NOT_ELIGIBLE', 'ALPHA-5')).toEqual({
      code: 'PO_NOT_ELIGIBLE',
      severity: 'error',
      issueKey: 'ALPHA-5',
      issueType: 'Story',
      summary: 'Story ALPHA-5',
      epicKey: 'ALPHA-1',
      owner: { accountId: PEOPLE.outsider, displayName: `Name of ${PEOPLE.outsider}` },
    });
    // An account Jira does not know has no display name; an inactive PM is named but not eligible.
    expect(find('PO_NOT_ELIGIBLE', 'ALPHA-11')?.owner).toEqual({ accountId: 'ghost', displayName: null });
    expect(find('PM_NOT_ELIGIBLE', 'ALPHA-6')?.owner?.accountId).toBe(PEOPLE.pmInactive);
    expect(find('STORY_WITHOUT_EPIC', 'ALPHA-9')).toMatchObject({ epicKey: null, severity: 'warning' });
  });

  it('counts coverage over in-scope issues only: no sub-tasks, other level-0 types or done issues', async () => {
    const outcome = await scan();
    // Epics 1, 6, 7, 10, 16; stories 2, 3, 4, 5, 8, 9, 11, 15 (14 is done, 12 a sub-task, 13 a Task).
    expect(outcome.report.coverage).toEqual({ strategyIssues: 5, withPm: 2, executionIssues: 8, withPo: 3 });
    expect(outcome).toMatchObject({
      project: { id: '10000', key: 'ALPHA', name: 'Alpha' },
      // The sub-task and the done story are never read: no rule checks them, and nothing points at them.
      issuesRead: 14,
      scannedAt: TEST_NOW.toISOString(),
    });
  });

  it('takes the execution types and done issues from the policy', async () => {
    const { report } = await scan(aProject(), {
      policy: aPolicy({ executionTypes: ['story', 'TASK'], includeDone: true }),
    });
    expect(report.coverage.executionIssues).toBe(10);
    expect(codesAndKeys(report.gaps)).toEqual(
      expect.arrayContaining(['STORY_WITHOUT_PO ALPHA-13', 'STORY_WITHOUT_PO ALPHA-14']),
    );
  });

  it('costs one id page per 5,000 issues, one bulk fetch per 100 and a handful of fixed calls', async () => {
    const site = aSite().addIssues(
      anEpic('ALPHA-1', { pm: PEOPLE.pm }),
      ...Array.from({ length: 249 }, (_, i) =>
        aStory(`ALPHA-${i + 2}`, { parent: 'ALPHA-1', po: PEOPLE.po }),
      ),
    );
    const outcome = await scan(site);
    expect(outcome.issuesRead).toBe(250);
    expect(outcome.report.gaps).toEqual([]);
    expect(site.app.calls.snapshot()).toEqual({
      bulkFetchIssues: 3,
      getProject: 1,
      getProjectRole: 2,
      getProjectRoles: 1,
      getUserGroups: 2,
      getUsers: 1,
      searchIdsPage: 1,
    });
  });

  it('reports progress after each batch of 100', async () => {
    const site = aSite().addIssues(
      ...Array.from({ length: 250 }, (_, i) => aStory(`ALPHA-${i + 1}`, { po: PEOPLE.po })),
    );
    const progress: number[] = [];
    const outcome = await scan(site, { onProgress: (n) => progress.push(n) });
    expect(outcome.issuesRead).toBe(250);
    // Batches finish in any order, but each adds its own issues: 100, 200, then the last 50.
    expect(progress).toEqual([100, 200, 250]);
    expect(codesAndKeys(outcome.report.gaps)).toHaveLength(250);
  });

  it('counts an epic in another project for a story, and a story in another project for an epic', async () => {
    const site = aSite()
      .addProject({ key: 'BETA' })
      .addIssues(
        anEpic('BETA-1', { pm: PEOPLE.pm }),
        aStory('ALPHA-1', { parent: 'BETA-1', po: PEOPLE.pm }),
        anEpic('ALPHA-2', { pm: PEOPLE.pm }),
        aStory('BETA-2', { parent: 'ALPHA-2' }),
      );
    const { report } = await scan(site);
    // No STORY_WITHOUT_EPIC on ALPHA-1, no EPIC_WITHOUT_STORIES on ALPHA-2; BETA's own gaps are not ALPHA's.
    expect(codesAndKeys(report.gaps)).toEqual(['PO_NOT_ELIGIBLE ALPHA-1', 'SAME_PERSON_PM_AND_PO ALPHA-1']);
    expect(report.gaps[0]?.epicKey).toBe('BETA-1');
  });

  it('sets gaps aside under a waiver', async () => {
    const site = aSite().addIssues(aStory('ALPHA-1', { po: PEOPLE.po }), aStory('ALPHA-2'));
    const waivers = { waiversFor: () => Promise.resolve([aWaiver('ALPHA-1', 'STORY_WITHOUT_EPIC')]) };
    const outcome = await scanProject(portsOf(site.app, { waivers }), { projectKey: 'ALPHA', policy });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(codesAndKeys(outcome.report.gaps)).toEqual([
      'STORY_WITHOUT_PO ALPHA-2',
      'STORY_WITHOUT_EPIC ALPHA-2',
    ]);
    expect(codesAndKeys(outcome.report.waived)).toEqual(['STORY_WITHOUT_EPIC ALPHA-1']);
  });

  it('uses a --roster override instead of the role sources', async () => {
    const site = aProject();
    const { report } = await scan(site, { roster: { pm: [PEOPLE.outsider], po: [PEOPLE.outsider] } });
    expect(codesAndKeys(report.gaps.filter((g) => g.code.endsWith('_NOT_ELIGIBLE')))).toEqual([
      'PM_NOT_ELIGIBLE ALPHA-1',
      'PM_NOT_ELIGIBLE ALPHA-6',
      'PM_NOT_ELIGIBLE ALPHA-7',
      'PO_NOT_ELIGIBLE ALPHA-2',
      'PO_NOT_ELIGIBLE ALPHA-3',
      'PO_NOT_ELIGIBLE ALPHA-8',
      'PO_NOT_ELIGIBLE ALPHA-9',
      'PO_NOT_ELIGIBLE ALPHA-11',
    ]);
    expect(site.app.calls.of('getProjectRoles') + site.app.calls.of('getUserGroups')).toBe(0);
  });

  it('fails with ROSTER_UNAVAILABLE, and no report, when a role source cannot be read', async () => {
    const site = aProject().refuse('getProjectRole', 'forbidden');
    const outcome = await scanProject(portsOf(site.app), { projectKey: 'ALPHA', policy });
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'ROSTER_UNAVAILABLE',
        source: 'project role "Product Manager" of ALPHA',
        message: expect.stringMatching(/Administer Projects/),
      },
    });
  });

  it('rejects with the typed error when the project cannot be read', async () => {
    await expect(scanProject(portsOf(aSite().app), { projectKey: 'NOPE', policy })).rejects.toMatchObject({
      name: 'JiraError',
      kind: 'not-found',
      status: 404,
    });
  });
});
