// The parallel scan leaves out sub-tasks and (unless the policy checks them) done issues, and reads the done
// ancestors and children the rules need in a related phase. These tests show that this gives the report a full
// read of the project gives (the scan before issue 10, kept in test/support/reference-scan.ts): the same gaps,
// waived gaps and coverage, on hand-made shapes that exercise each reason a left-out issue could matter, and
// on random sites (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { scanProject } from '../../../src/app/scan-project';
import { evaluateScan, fetchIssues, allIssueIds, scanJql } from '../../../src/app/scan';
import type { GapReport, IssueFacts } from '../../../src/domain/model';
import type { Policy } from '../../../src/domain/policy';
import {
  TEST_NOW,
  aPolicy,
  aWaiver,
  anEpic,
  anIssue,
  aStory,
  type IssueTypeName,
} from '../../support/builders';
import type { FakeJira } from '../../support/fake-jira';
import { referenceScan } from '../../support/reference-scan';
import { PEOPLE, aSite, portsOf } from './site';

const RECENT = new Date(TEST_NOW.getTime() - 2 * 86_400_000).toISOString();

const POLICIES: Record<string, Policy> = {
  default: aPolicy(),
  'done included': aPolicy({ includeDone: true }),
  'grace of 10 days': aPolicy({ graceDays: 10 }),
  'Bug as an execution type': aPolicy({ executionTypes: ['Story', 'Bug'] }),
  'all of these': aPolicy({ includeDone: true, graceDays: 10, executionTypes: ['Story', 'Bug'] }),
};

const WAIVERS = [aWaiver('ALPHA-2', 'STORY_WITHOUT_EPIC'), aWaiver('ALPHA-7', 'SAME_PERSON_PM_AND_PO')];

/** ALPHA with every shape a left-out issue could matter in, and BETA around it. */
function aShapedSite(): FakeJira {
  const done = { statusCategory: 'done' } as const;
  return aSite()
    .addProject({ key: 'BETA', id: '10001' })
    .addIssues(
      anEpic('BETA-1', { pm: PEOPLE.pm }),
      anEpic('BETA-2', { pm: PEOPLE.po, ...done }),
      // An open epic with stories, one done, one secured, one under a sub-task.
      anEpic('ALPHA-1', { pm: PEOPLE.pm }),
      aStory('ALPHA-2', { po: PEOPLE.po }),
      aStory('ALPHA-3', { parent: 'ALPHA-1', po: PEOPLE.po, ...done }),
      aStory('ALPHA-4', { parent: 'ALPHA-1', secured: true }),
      anIssue({ key: 'ALPHA-5', type: 'Sub-task', parent: 'ALPHA-4', po: PEOPLE.outsider }),
      // A done epic above an open story whose PO is the epic's PM.
      anEpic('ALPHA-6', { pm: PEOPLE.pmByGroup, ...done }),
      aStory('ALPHA-7', { parent: 'ALPHA-6', po: PEOPLE.pmByGroup }),
      // An open epic whose only stories are done.
      anEpic('ALPHA-8', { pm: PEOPLE.pm }),
      aStory('ALPHA-9', { parent: 'ALPHA-8', po: PEOPLE.outsider, ...done }),
      aStory('ALPHA-10', { parent: 'ALPHA-8', ...done }),
      // Initiatives: above a done epic with a done story, and above a done epic with nothing below.
      anIssue({ key: 'ALPHA-11', type: 'Initiative', pm: PEOPLE.pm }),
      anEpic('ALPHA-12', { parent: 'ALPHA-11', ...done }),
      aStory('ALPHA-13', { parent: 'ALPHA-12', ...done }),
      anIssue({ key: 'ALPHA-14', type: 'Initiative', pm: PEOPLE.pmInactive }),
      anEpic('ALPHA-15', { parent: 'ALPHA-14', ...done }),
      // An open epic with only a Bug below it, and a Bug of its own.
      anEpic('ALPHA-16'),
      anIssue({ key: 'ALPHA-17', type: 'Bug', parent: 'ALPHA-16', po: PEOPLE.po }),
      anIssue({ key: 'ALPHA-18', type: 'Bug' }),
      // Recent issues: in grace for 10 days.
      anEpic('ALPHA-19', { created: RECENT }),
      aStory('ALPHA-20', { created: RECENT, parent: 'ALPHA-19' }),
      anEpic('ALPHA-21', { created: RECENT }),
      // Cross-project: an open epic whose only story lives in BETA, done; a story under a BETA epic, open and
      // done; an epic with an open story in BETA.
      anEpic('ALPHA-22', { pm: PEOPLE.pm }),
      aStory('BETA-3', { parent: 'ALPHA-22', ...done }),
      aStory('ALPHA-23', { parent: 'BETA-1', po: PEOPLE.pm }),
      aStory('ALPHA-24', { parent: 'BETA-2', po: PEOPLE.po }),
      anEpic('ALPHA-25', { pm: PEOPLE.pm }),
      aStory('BETA-4', { parent: 'ALPHA-25' }),
      anIssue({ key: 'ALPHA-26', type: 'Task', parent: 'ALPHA-25' }),
      // A done epic with an invalid property, and a done story of it with one too.
      anEpic('ALPHA-27', { ownership: { schema: 9 }, ...done }),
      aStory('ALPHA-28', { parent: 'ALPHA-27', ownership: 'garbage' }),
      // Found by the property test: an open initiative whose only story is in BETA under a done epic of ALPHA,
      // and one whose done epic holds a done story and an open Task (which reads the epic as its ancestor).
      anIssue({ key: 'ALPHA-29', type: 'Initiative', pm: PEOPLE.pm }),
      anEpic('ALPHA-30', { parent: 'ALPHA-29', ...done }),
      aStory('BETA-5', { parent: 'ALPHA-30' }),
      anIssue({ key: 'ALPHA-31', type: 'Initiative', pm: PEOPLE.pm }),
      anEpic('ALPHA-32', { parent: 'ALPHA-31', ...done }),
      aStory('ALPHA-33', { parent: 'ALPHA-32', ...done }),
      anIssue({ key: 'ALPHA-34', type: 'Task', parent: 'ALPHA-32' }),
    );
}

async function bothReports(site: FakeJira, policy: Policy, asUser?: string) {
  const jira = asUser === undefined ? site.app : site.asUser(asUser);
  const waivers = { waiversFor: () => Promise.resolve(WAIVERS) };
  const ports = portsOf(jira, { waivers });
  const reference = await referenceScan(ports, { projectKey: 'ALPHA', policy });
  const parallel = await scanProject(ports, { projectKey: 'ALPHA', policy });
  if (!reference.ok || !parallel.ok) throw new Error('a roster was unavailable');
  return { reference: reference.report, parallel: parallel.report };
}

const keysOf = (report: GapReport) => report.gaps.map((g) => `${g.code} ${g.issueKey}`);

describe('the parallel scan reports what a full read reports', () => {
  it.each(Object.entries(POLICIES))('%s', async (_name, policy) => {
    const { reference, parallel } = await bothReports(aShapedSite(), policy);
    expect(parallel).toEqual(reference);
  });

  it('on shapes that depend on issues it leaves out (so equality above says something)', async () => {
    const { parallel } = await bothReports(aShapedSite(), POLICIES.default!);
    const gaps = keysOf(parallel);
    // The done epic's PM is the open story's PO: seen only because the done parent was read.
    expect(gaps).not.toContain('SAME_PERSON_PM_AND_PO ALPHA-7');
    expect(parallel.waived.map((g) => `${g.code} ${g.issueKey}`)).toEqual([
      'SAME_PERSON_PM_AND_PO ALPHA-7',
      'STORY_WITHOUT_EPIC ALPHA-2',
    ]);
    // Done children (in the project, in BETA, two levels down) keep their epics and initiative quiet.
    for (const key of ['ALPHA-8', 'ALPHA-11', 'ALPHA-22', 'ALPHA-25', 'ALPHA-29', 'ALPHA-31']) {
      expect(gaps).not.toContain(`EPIC_WITHOUT_STORIES ${key}`);
    }
    expect(gaps).toEqual(
      expect.arrayContaining(['EPIC_WITHOUT_STORIES ALPHA-14', 'EPIC_WITHOUT_STORIES ALPHA-16']),
    );
    expect(parallel.gaps.find((g) => g.issueKey === 'ALPHA-24')?.epicKey ?? 'BETA-2').toBe('BETA-2');
    expect(gaps).not.toContain('STORY_WITHOUT_EPIC ALPHA-24');
  });

  it('would differ without its related phase: the shapes catch a scan that skips it', async () => {
    const site = aShapedSite();
    const policy = POLICIES.default!;
    const jira = site.app;
    const project = await jira.getProject('ALPHA');
    const { facts } = await fetchIssues(jira, await allIssueIds(jira, scanJql('ALPHA', policy)));
    const withoutRelated = await evaluateScan({
      jira,
      project,
      issues: facts,
      related: [],
      policy,
      now: TEST_NOW,
    });
    const { reference } = await bothReports(site, policy);
    if (!withoutRelated.ok) throw new Error('roster');
    expect(withoutRelated.report).not.toEqual(reference);
    expect(keysOf(withoutRelated.report)).toContain('EPIC_WITHOUT_STORIES ALPHA-8');
  });

  it('as a reader who cannot browse the other project: parents stand in as the child’s parent field says', async () => {
    const site = aSite()
      .addProject({ key: 'BETA', id: '10001', browsers: [PEOPLE.pm] })
      .addUsers({ accountId: 'auditor' })
      .addIssues(
        anEpic('BETA-1', { pm: PEOPLE.po }),
        anEpic('BETA-2', { pm: PEOPLE.po }),
        aStory('ALPHA-1', { parent: 'BETA-1', po: PEOPLE.po }),
        anEpic('ALPHA-2', { pm: PEOPLE.pm }),
        aStory('BETA-3', { parent: 'ALPHA-2' }),
        aStory('ALPHA-3', { parent: 'BETA-2', statusCategory: 'done' }),
      );
    // The auditor administers ALPHA (reads its roles) but cannot browse BETA.
    (site as unknown as { projects: Map<string, { admins: Set<string> }> }).projects
      .get('ALPHA')
      ?.admins.add('auditor');
    for (const policy of Object.values(POLICIES)) {
      const { reference, parallel } = await bothReports(site, policy, 'auditor');
      expect(parallel).toEqual(reference);
      expect(keysOf(parallel)).not.toContain('STORY_WITHOUT_EPIC ALPHA-1');
    }
  });
});

// ---- random sites -----------------------------------------------------------------------------------------

const TYPES: IssueTypeName[] = ['Initiative', 'Epic', 'Story', 'Story', 'Task', 'Bug', 'Sub-task'];
const LEVEL: Record<IssueTypeName, number> = {
  Initiative: 2,
  Epic: 1,
  Story: 0,
  Task: 0,
  Bug: 0,
  'Sub-task': -1,
};
const OWNERS = [
  PEOPLE.pm,
  PEOPLE.po,
  PEOPLE.pmByGroup,
  PEOPLE.poByGroup,
  PEOPLE.pmInactive,
  PEOPLE.outsider,
  'ghost',
];

const issueSpec = fc.record({
  project: fc.constantFrom('ALPHA', 'ALPHA', 'ALPHA', 'BETA'),
  type: fc.constantFrom(...TYPES),
  done: fc.boolean(),
  recent: fc.boolean(),
  secured: fc.boolean(),
  parentPick: fc.nat(),
  hasParent: fc.boolean(),
  owner: fc.option(fc.record({ slot: fc.constantFrom('pm', 'po'), who: fc.constantFrom(...OWNERS) })),
  invalid: fc.boolean(),
});

/** Issues whose parents sit one level up (a sub-task under a level-0 issue), as Jira's hierarchy allows. */
function buildSite(
  specs: ReadonlyArray<typeof issueSpec extends fc.Arbitrary<infer T> ? T : never>,
): FakeJira {
  const site = aSite().addProject({ key: 'BETA', id: '10001' });
  const counters: Record<string, number> = { ALPHA: 0, BETA: 0 };
  const made: IssueFacts[] = [];
  for (const spec of specs) {
    const level = LEVEL[spec.type];
    const wantedParentLevel = level === -1 ? 0 : level + 1;
    const candidates = made.filter((m) => m.issueType.hierarchyLevel === wantedParentLevel);
    const parent =
      spec.hasParent && candidates.length > 0 ? candidates[spec.parentPick % candidates.length]!.key : null;
    counters[spec.project] = (counters[spec.project] ?? 0) + 1;
    const key = `${spec.project}-${counters[spec.project]}`;
    const ownership = spec.invalid
      ? { schema: 1, pm: 'not a slot' }
      : spec.owner === null
        ? undefined
        : {
            schema: 1,
            [spec.owner.slot]: { accountId: spec.owner.who, setBy: 'x', setAt: '2025-01-02T09:00:00.000Z' },
          };
    const issue = anIssue({
      key,
      type: spec.type,
      parent,
      statusCategory: spec.done ? 'done' : 'new',
      ...(spec.recent ? { created: RECENT } : {}),
      ...(spec.secured ? { secured: true } : {}),
      ...(ownership === undefined ? {} : { ownership }),
    });
    made.push(issue);
  }
  return site.addIssues(...made);
}

describe('on random sites (fast-check)', () => {
  it('the parallel scan and the full read agree, whatever the policy', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(issueSpec, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...Object.values(POLICIES)),
        async (specs, policy) => {
          const { reference, parallel } = await bothReports(buildSite(specs), policy);
          expect(parallel).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });
});
