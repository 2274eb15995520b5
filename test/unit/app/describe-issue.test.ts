// The issue panel's view (describeIssue) over the fake Jira, read as the viewing user: the slot and its owner,
// every check with its status and why it was skipped, the epic above a story, the stories below an epic, what
// is out of scope, and what the panel costs in requests. These pin the view itself, so a rewrite of how it is
// computed (the engine's explain()) must keep every field the same.
import { describe, expect, it } from '@jest/globals';
import { describeIssue } from '../../../src/app/describe-issue';
import { AppError } from '../../../src/app/errors';
import type { CheckView, IssuePanelView, PersonView } from '../../../src/contract/views';
import type { IssueFacts } from '../../../src/domain/model';
import { TEST_NOW, aPolicy, aWaiver, anEpic, anIssue, aStory } from '../../support/builders';
import type { FakeJira } from '../../support/fake-jira';
import { PEOPLE, aSite, portsOf } from './site';

const VIEWER = 'viewer-vic';

function person(accountId: string, reason: PersonView['reason'] = null): PersonView {
  return { accountId, displayName: `Name of ${accountId}`, eligible: reason === null, reason };
}

/** `[code, status, skipReason]` per check, in the order the panel lists them. */
function checks(view: IssuePanelView): Array<[string, CheckView['status'], CheckView['skipReason']]> {
  return view.checks.map((c) => [c.code, c.status, c.skipReason]);
}

function siteWith(...issues: IssueFacts[]): FakeJira {
  return aSite()
    .addProject({ key: 'BETA', browsers: [] })
    .addIssues(...issues);
}

async function panel(
  site: FakeJira,
  issueKey: string,
  options: { policy?: ReturnType<typeof aPolicy>; waivers?: ReturnType<typeof aWaiver>[] } = {},
): Promise<IssuePanelView> {
  const waivers = options.waivers && { waiversFor: () => Promise.resolve(options.waivers ?? []) };
  return describeIssue(
    portsOf(site.app, { userJira: site.asUser(VIEWER), ...(waivers ? { waivers } : {}) }),
    {
      issueKey,
      policy: options.policy ?? aPolicy(),
    },
  );
}

const epicWithPm = anEpic('ALPHA-1', { pm: PEOPLE.pm, summary: 'Checkout' });

describe('describeIssue on a story', () => {
  it('shows an eligible PO, the epic with its PM, and every check passed', async () => {
    const site = siteWith(
      epicWithPm,
      aStory('ALPHA-2', { parent: 'ALPHA-1', po: PEOPLE.po, summary: 'Pay' }),
    );
    expect(await panel(site, 'ALPHA-2')).toEqual({
      issue: { key: 'ALPHA-2', summary: 'Pay', issueType: 'Story', kind: 'execution', statusCategory: 'new' },
      slot: 'po',
      outOfScopeReason: null,
      owner: person(PEOPLE.po),
      // The slot as stored (the builders' default setAt): what a write sends back as `expected`.
      current: { accountId: PEOPLE.po, setAt: '2025-01-02T09:00:00.000Z' },
      misplaced: null,
      ownershipInvalid: false,
      checks: [
        { code: 'OWNERSHIP_INVALID', severity: 'error', status: 'pass', skipReason: null, fix: null },
        { code: 'STORY_WITHOUT_PO', severity: 'error', status: 'pass', skipReason: null, fix: null },
        { code: 'PO_NOT_ELIGIBLE', severity: 'error', status: 'pass', skipReason: null, fix: null },
        { code: 'ROLE_MISPLACED', severity: 'error', status: 'pass', skipReason: null, fix: null },
        { code: 'SAME_PERSON_PM_AND_PO', severity: 'warning', status: 'pass', skipReason: null, fix: null },
        { code: 'STORY_WITHOUT_EPIC', severity: 'warning', status: 'pass', skipReason: null, fix: null },
      ],
      gaps: [],
      epic: { key: 'ALPHA-1', summary: 'Checkout', pm: person(PEOPLE.pm) },
      stories: null,
    });
  });

  it('costs two issue reads as the viewer and no search; roles and accounts are read as the app', async () => {
    const site = siteWith(epicWithPm, aStory('ALPHA-2', { parent: 'ALPHA-1', po: PEOPLE.poByGroup }));
    const user = site.asUser(VIEWER);
    await describeIssue(portsOf(site.app, { userJira: user }), { issueKey: 'ALPHA-2', policy: aPolicy() });
    expect(user.calls.snapshot()).toEqual({ getIssue: 2 });
    expect(site.app.calls.snapshot()).toEqual({
      getProjectRole: 2,
      getProjectRoles: 1,
      getUserGroups: 2,
      getUsers: 1,
    });
  });

  it('without a PO or an epic: two gaps, and the PO checks skipped because the slot is empty', async () => {
    const view = await panel(siteWith(aStory('ALPHA-2')), 'ALPHA-2');
    expect(view.owner).toBeNull();
    expect(view.epic).toBeNull();
    expect(checks(view)).toEqual([
      ['OWNERSHIP_INVALID', 'pass', null],
      ['STORY_WITHOUT_PO', 'fail', null],
      ['PO_NOT_ELIGIBLE', 'skipped', 'slot-empty'],
      ['ROLE_MISPLACED', 'pass', null],
      ['SAME_PERSON_PM_AND_PO', 'skipped', 'slot-empty'],
      ['STORY_WITHOUT_EPIC', 'fail', null],
    ]);
    expect(view.gaps.map((g) => [g.code, g.issueKey, g.epicKey, g.owner])).toEqual([
      ['STORY_WITHOUT_PO', 'ALPHA-2', null, null],
      ['STORY_WITHOUT_EPIC', 'ALPHA-2', null, null],
    ]);
  });

  it.each([
    ['holds no role', PEOPLE.outsider, 'not-in-role'],
    ['is deactivated', PEOPLE.pmInactive, 'inactive'],
    ['is unknown to Jira', 'ghost', 'unknown-account'],
    ['is an app, not a person', 'an-app', 'not-a-person'],
  ] as const)('shows a PO who %s as not eligible, and why', async (_what, po, reason) => {
    const site = siteWith(epicWithPm, aStory('ALPHA-2', { parent: 'ALPHA-1', po }));
    site.addUsers({ accountId: 'an-app', accountType: 'app', groups: [{ name: 'product-owners' }] });
    const view = await panel(site, 'ALPHA-2');
    expect(view.owner).toEqual(
      reason === 'unknown-account' ? { ...person(po, reason), displayName: null } : person(po, reason),
    );
    expect(view.gaps.map((g) => g.code)).toEqual(['PO_NOT_ELIGIBLE']);
  });

  it('warns when the PO is the epic’s PM, and skips that check while the epic has no PM', async () => {
    const same = siteWith(epicWithPm, aStory('ALPHA-2', { parent: 'ALPHA-1', po: PEOPLE.pm }));
    const view = await panel(same, 'ALPHA-2');
    expect(view.gaps.map((g) => [g.code, g.severity, g.owner?.accountId])).toEqual([
      ['PO_NOT_ELIGIBLE', 'error', PEOPLE.pm],
      ['SAME_PERSON_PM_AND_PO', 'warning', PEOPLE.pm],
    ]);
    const noPm = siteWith(anEpic('ALPHA-1'), aStory('ALPHA-2', { parent: 'ALPHA-1', po: PEOPLE.po }));
    const quiet = await panel(noPm, 'ALPHA-2');
    expect(checks(quiet)).toContainEqual(['SAME_PERSON_PM_AND_PO', 'skipped', 'no-epic-pm']);
    expect(quiet.epic).toEqual({ key: 'ALPHA-1', summary: 'Epic ALPHA-1', pm: null });
  });

  it('shows a PM written on a story as misplaced, with their standing in the PM role', async () => {
    const view = await panel(
      siteWith(epicWithPm, aStory('ALPHA-2', { parent: 'ALPHA-1', pm: PEOPLE.pmByGroup })),
      'ALPHA-2',
    );
    expect(view.misplaced).toEqual({ ...person(PEOPLE.pmByGroup), role: 'pm' });
    expect(view.owner).toBeNull();
    expect(view.gaps.map((g) => g.code)).toEqual(['STORY_WITHOUT_PO', 'ROLE_MISPLACED']);
  });

  it('skips the slot checks of an issue whose ownership property cannot be trusted', async () => {
    const story = aStory('ALPHA-2', { parent: 'ALPHA-1', ownership: { schema: 1, po: 'not-an-object' } });
    const view = await panel(siteWith(epicWithPm, story), 'ALPHA-2');
    expect(view).toMatchObject({ ownershipInvalid: true, owner: null, misplaced: null });
    expect(checks(view)).toEqual([
      ['OWNERSHIP_INVALID', 'fail', null],
      ['STORY_WITHOUT_PO', 'skipped', 'ownership-invalid'],
      ['PO_NOT_ELIGIBLE', 'skipped', 'ownership-invalid'],
      ['ROLE_MISPLACED', 'skipped', 'ownership-invalid'],
      ['SAME_PERSON_PM_AND_PO', 'skipped', 'ownership-invalid'],
      ['STORY_WITHOUT_EPIC', 'pass', null],
    ]);
  });

  it('keeps a new story quiet during the grace period, and says so', async () => {
    const created = new Date(TEST_NOW.getTime() - 86_400_000).toISOString();
    const site = siteWith(epicWithPm, aStory('ALPHA-2', { parent: 'ALPHA-1', created }));
    const view = await panel(site, 'ALPHA-2', { policy: aPolicy({ graceDays: 7 }) });
    expect(checks(view)).toContainEqual(['STORY_WITHOUT_PO', 'skipped', 'grace-period']);
    expect(view.gaps).toEqual([]);
  });

  it('shows a waived gap as waived, and ignores waivers of other issues', async () => {
    const site = siteWith(aStory('ALPHA-2', { po: PEOPLE.po }), aStory('ALPHA-3'));
    const view = await panel(site, 'ALPHA-2', {
      waivers: [aWaiver('ALPHA-2', 'STORY_WITHOUT_EPIC'), aWaiver('ALPHA-3', 'STORY_WITHOUT_PO')],
    });
    expect(checks(view)).toContainEqual(['STORY_WITHOUT_EPIC', 'waived', null]);
    expect(checks(view)).toContainEqual(['STORY_WITHOUT_PO', 'pass', null]);
    expect(view.gaps).toEqual([]);
  });

  it('shows an epic the viewer cannot open from what the story says of it, without its PM', async () => {
    const hidden = anEpic('BETA-1', { pm: PEOPLE.pm, summary: 'Platform' });
    const site = siteWith(hidden, aStory('ALPHA-2', { parent: 'BETA-1', po: PEOPLE.po }));
    const view = await panel(site, 'ALPHA-2');
    expect(view.epic).toEqual({ key: 'BETA-1', summary: 'Platform', pm: null });
    expect(checks(view)).toContainEqual(['STORY_WITHOUT_EPIC', 'pass', null]);
    expect(site.app.calls.of('getIssue') + site.app.calls.of('searchPage')).toBe(0);
  });
});

describe('describeIssue on an epic', () => {
  it('lists the open in-scope stories below it in any project the viewer may see, those needing a PO first', async () => {
    const site = aSite()
      .addProject({ key: 'BETA', browsers: [VIEWER] })
      .addProject({ key: 'GAMMA', browsers: [] })
      .addIssues(
        epicWithPm,
        aStory('ALPHA-2', { parent: 'ALPHA-1', po: PEOPLE.po }),
        aStory('ALPHA-3', { parent: 'ALPHA-1' }),
        aStory('ALPHA-4', { parent: 'ALPHA-1', po: PEOPLE.outsider }),
        aStory('ALPHA-5', { parent: 'ALPHA-1', statusCategory: 'done' }),
        anIssue({ key: 'ALPHA-6', type: 'Task', parent: 'ALPHA-1' }),
        anIssue({ key: 'ALPHA-7', type: 'Sub-task', parent: 'ALPHA-3' }),
        aStory('BETA-1', { parent: 'ALPHA-1', po: PEOPLE.poByGroup }),
        aStory('GAMMA-1', { parent: 'ALPHA-1' }),
      );
    const view = await panel(site, 'ALPHA-1');
    expect(view).toMatchObject({
      issue: { key: 'ALPHA-1', summary: 'Checkout', issueType: 'Epic', kind: 'strategy' },
      slot: 'pm',
      owner: person(PEOPLE.pm),
      epic: null,
      gaps: [],
    });
    expect(view.stories).toEqual({
      total: 4,
      withPo: 2,
      items: [
        { key: 'ALPHA-3', summary: 'Story ALPHA-3', po: null },
        { key: 'ALPHA-4', summary: 'Story ALPHA-4', po: person(PEOPLE.outsider, 'not-in-role') },
        { key: 'ALPHA-2', summary: 'Story ALPHA-2', po: person(PEOPLE.po) },
        { key: 'BETA-1', summary: 'Story BETA-1', po: person(PEOPLE.poByGroup) },
      ],
    });
    expect(checks(view)).toEqual([
      ['OWNERSHIP_INVALID', 'pass', null],
      ['EPIC_WITHOUT_PM', 'pass', null],
      ['PM_NOT_ELIGIBLE', 'pass', null],
      ['ROLE_MISPLACED', 'pass', null],
      ['EPIC_WITHOUT_STORIES', 'pass', null],
    ]);
  });

  it('counts every story but lists 50', async () => {
    const stories = Array.from({ length: 60 }, (_, i) => aStory(`ALPHA-${i + 2}`, { parent: 'ALPHA-1' }));
    const view = await panel(siteWith(epicWithPm, ...stories), 'ALPHA-1');
    expect(view.stories?.total).toBe(60);
    expect(view.stories?.items.map((s) => s.key)).toEqual(stories.slice(0, 50).map((s) => s.key));
  });

  it('finds stories below a child epic, and reports an epic with none', async () => {
    const initiative = anIssue({ key: 'ALPHA-1', type: 'Initiative', pm: PEOPLE.pm });
    const site = siteWith(
      initiative,
      anEpic('ALPHA-2', { parent: 'ALPHA-1' }),
      aStory('ALPHA-3', { parent: 'ALPHA-2', po: PEOPLE.po }),
      anEpic('ALPHA-4', { po: PEOPLE.po }),
    );
    const top = await panel(site, 'ALPHA-1');
    expect(top.stories?.items.map((s) => s.key)).toEqual(['ALPHA-3']);
    expect(checks(top)).toContainEqual(['EPIC_WITHOUT_STORIES', 'pass', null]);

    const lonely = await panel(site, 'ALPHA-4');
    expect(lonely.stories).toEqual({ total: 0, withPo: 0, items: [] });
    expect(lonely.misplaced).toEqual({ ...person(PEOPLE.po), role: 'po' });
    expect(lonely.gaps.map((g) => g.code)).toEqual([
      'EPIC_WITHOUT_PM',
      'ROLE_MISPLACED',
      'EPIC_WITHOUT_STORIES',
    ]);
  });
});

describe('describeIssue out of scope', () => {
  it.each([
    ['a sub-task', anIssue({ key: 'ALPHA-2', type: 'Sub-task', parent: 'ALPHA-1' }), 'subtask'],
    ['a type not in scope', anIssue({ key: 'ALPHA-2', type: 'Task', po: PEOPLE.po }), 'type-not-in-scope'],
    ['a done story', aStory('ALPHA-2', { statusCategory: 'done' }), 'done'],
  ] as const)('says why for %s, at the cost of one read', async (_what, issue, reason) => {
    const site = siteWith(epicWithPm, issue);
    const user = site.asUser(VIEWER);
    const view = await describeIssue(portsOf(site.app, { userJira: user }), {
      issueKey: 'ALPHA-2',
      policy: aPolicy(),
    });
    expect(view).toMatchObject({
      slot: null,
      outOfScopeReason: reason,
      owner: null,
      checks: [],
      gaps: [],
      epic: null,
      stories: null,
    });
    expect(user.calls.snapshot()).toEqual({ getIssue: 1 });
    expect(site.app.calls.total()).toBe(0);
  });

  it('checks a done story when the policy includes done issues, and a Task when it is in scope', async () => {
    const site = siteWith(
      aStory('ALPHA-2', { statusCategory: 'done' }),
      anIssue({ key: 'ALPHA-3', type: 'Task' }),
    );
    const policy = aPolicy({ includeDone: true, executionTypes: ['Story', 'Task'] });
    expect((await panel(site, 'ALPHA-2', { policy })).outOfScopeReason).toBeNull();
    expect(await panel(site, 'ALPHA-3', { policy })).toMatchObject({
      slot: 'po',
      issue: { kind: 'execution' },
    });
  });
});

describe('describeIssue failures', () => {
  it('throws ROSTER_UNAVAILABLE when a role source cannot be read, rather than show owners as ineligible', async () => {
    const site = siteWith(epicWithPm, aStory('ALPHA-2', { parent: 'ALPHA-1', po: PEOPLE.po })).refuse(
      'getUserGroups',
      'forbidden',
    );
    const failure = await panel(site, 'ALPHA-2').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'ROSTER_UNAVAILABLE' });
  });

  it('rejects with the typed error when the parent cannot be read for another reason than access', async () => {
    const site = siteWith(epicWithPm, aStory('ALPHA-2', { parent: 'ALPHA-1' })).refuse('getIssue', 'server', {
      when: ([key]) => key === 'ALPHA-1',
    });
    await expect(panel(site, 'ALPHA-2')).rejects.toMatchObject({ name: 'JiraError', kind: 'server' });
  });

  it('rejects with not-found for an issue the viewer cannot see', async () => {
    const site = siteWith(aStory('BETA-1'));
    await expect(panel(site, 'BETA-1')).rejects.toMatchObject({ name: 'JiraError', kind: 'not-found' });
  });
});
