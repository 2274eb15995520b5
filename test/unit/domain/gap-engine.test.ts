import { describe, expect, it } from '@jest/globals';
import { checksFor, evaluateGaps, type EngineInput } from '../../../src/domain/gap-engine';
import { compareGaps, compareIssueKeys } from '../../../src/domain/gap-order';
import { GAP_CODES, type GapCode, type GapReport } from '../../../src/domain/model';
import {
  aPolicy,
  aStory,
  aWaiver,
  anEngineInput,
  anEpic,
  anIssue,
  anUnavailableRoster,
  TEST_NOW,
} from '../../support/builders';

const PEOPLE = { pm: ['ann', 'cat'], po: ['bob', 'cat'] };

function reportOf(input: EngineInput): GapReport {
  const result = evaluateGaps(input);
  if (!result.ok) throw new Error(`expected a report, got ${result.error.code}`);
  return result.report;
}

/** The gaps as compact `CODE KEY` strings, in report order. */
function gapList(input: EngineInput): string[] {
  return reportOf(input).gaps.map((g) => `${g.code} ${g.issueKey}`);
}

const daysBefore = (days: number, from = TEST_NOW) =>
  new Date(from.getTime() - days * 86_400_000).toISOString();

/** For each rule, the smallest input (default policy) on which it fires on ALPHA-1. */
const FIRES_ON_ALPHA_1: Record<GapCode, () => EngineInput> = {
  OWNERSHIP_INVALID: () =>
    anEngineInput({
      people: PEOPLE,
      issues: [
        aStory('ALPHA-1', { parent: 'ALPHA-2', ownership: { schema: 3 } }),
        anEpic('ALPHA-2', { pm: 'ann' }),
      ],
    }),
  EPIC_WITHOUT_PM: () =>
    anEngineInput({
      people: PEOPLE,
      issues: [anEpic('ALPHA-1'), aStory('ALPHA-2', { parent: 'ALPHA-1', po: 'bob' })],
    }),
  PM_NOT_ELIGIBLE: () =>
    anEngineInput({
      people: PEOPLE,
      issues: [anEpic('ALPHA-1', { pm: 'bob' }), aStory('ALPHA-2', { parent: 'ALPHA-1', po: 'cat' })],
    }),
  STORY_WITHOUT_PO: () =>
    anEngineInput({
      people: PEOPLE,
      issues: [aStory('ALPHA-1', { parent: 'ALPHA-2' }), anEpic('ALPHA-2', { pm: 'ann' })],
    }),
  PO_NOT_ELIGIBLE: () =>
    anEngineInput({
      people: PEOPLE,
      issues: [aStory('ALPHA-1', { parent: 'ALPHA-2', po: 'ann' }), anEpic('ALPHA-2', { pm: 'cat' })],
    }),
  ROLE_MISPLACED: () =>
    anEngineInput({
      people: PEOPLE,
      issues: [
        anEpic('ALPHA-1', { pm: 'ann', po: 'bob' }),
        aStory('ALPHA-2', { parent: 'ALPHA-1', po: 'bob' }),
      ],
    }),
  SAME_PERSON_PM_AND_PO: () =>
    anEngineInput({
      people: PEOPLE,
      issues: [aStory('ALPHA-1', { parent: 'ALPHA-2', po: 'cat' }), anEpic('ALPHA-2', { pm: 'cat' })],
    }),
  STORY_WITHOUT_EPIC: () => anEngineInput({ people: PEOPLE, issues: [aStory('ALPHA-1', { po: 'bob' })] }),
  EPIC_WITHOUT_STORIES: () => anEngineInput({ people: PEOPLE, issues: [anEpic('ALPHA-1', { pm: 'ann' })] }),
};

describe('each rule, its switch and its severity', () => {
  it.each(GAP_CODES)('%s fires alone on its minimal input', (code) => {
    expect(gapList(FIRES_ON_ALPHA_1[code]())).toEqual([`${code} ALPHA-1`]);
  });

  it.each(GAP_CODES)('%s switched off fires nowhere', (code) => {
    const input = FIRES_ON_ALPHA_1[code]();
    input.policy = aPolicy({ rules: { [code]: { enabled: false, severity: 'error' } } });
    expect(gapList(input)).toEqual([]);
  });

  it.each(GAP_CODES)('%s takes the severity the project gives it', (code) => {
    const input = FIRES_ON_ALPHA_1[code]();
    const flipped = reportOf(input).gaps[0]?.severity === 'error' ? 'warning' : 'error';
    input.policy = aPolicy({ rules: { [code]: { enabled: true, severity: flipped } } });
    expect(reportOf(input).gaps.map((g) => g.severity)).toEqual([flipped]);
  });

  it('switching off OWNERSHIP_INVALID still keeps the untrusted property from the slot rules', () => {
    const input = anEngineInput({
      people: PEOPLE,
      policy: aPolicy({ rules: { OWNERSHIP_INVALID: { enabled: false, severity: 'error' } } }),
      issues: [
        anEpic('ALPHA-1', { ownership: { schema: 2, po: 'bob' } }),
        aStory('ALPHA-2', { parent: 'ALPHA-1', po: 'bob' }),
      ],
    });
    expect(gapList(input)).toEqual([]);
  });
});

describe('scope', () => {
  it('reports only issues of the scanned projects, even if the caller passes others in `issues`', () => {
    const input = anEngineInput({ issues: [aStory('ALPHA-1'), aStory('BETA-1')] });
    expect(gapList(input)).toEqual(['STORY_WITHOUT_PO ALPHA-1', 'STORY_WITHOUT_EPIC ALPHA-1']);
    expect(reportOf(input).coverage.executionIssues).toBe(1);
  });

  it('never reports issues that come only in `related`, even of a scanned project', () => {
    expect(gapList(anEngineInput({ related: [aStory('ALPHA-1'), anEpic('ALPHA-2')] }))).toEqual([]);
  });

  it('counts and checks done issues only when the policy includes them', () => {
    const issues = [
      anEpic('ALPHA-1', { statusCategory: 'done' }),
      aStory('ALPHA-2', { statusCategory: 'done' }),
    ];
    expect(reportOf(anEngineInput({ issues })).coverage).toEqual({
      strategyIssues: 0,
      withPm: 0,
      executionIssues: 0,
      withPo: 0,
    });
    const included = anEngineInput({ issues, policy: aPolicy({ includeDone: true }) });
    expect(gapList(included)).toEqual([
      'EPIC_WITHOUT_PM ALPHA-1',
      'STORY_WITHOUT_PO ALPHA-2',
      'STORY_WITHOUT_EPIC ALPHA-2',
    ]);
  });

  it('treats an unknown status category as open', () => {
    expect(
      gapList(
        anEngineInput({
          issues: [anEpic('ALPHA-1', { statusCategory: 'weird', pm: 'ann' })],
          people: PEOPLE,
        }),
      ),
    ).toEqual(['EPIC_WITHOUT_STORIES ALPHA-1']);
  });
});

describe('hierarchy across levels and projects', () => {
  it('sees stories beneath an initiative at any depth and in any project', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [anIssue({ key: 'ALPHA-1', type: 'Initiative', pm: 'ann' })],
      related: [
        anIssue({ key: 'BETA-1', type: 'Epic', parent: 'ALPHA-1' }),
        anIssue({ key: 'GAMMA-1', type: 'Epic', parent: 'BETA-1' }),
        aStory('DELTA-1', { parent: 'GAMMA-1', statusCategory: 'done' }),
      ],
    });
    expect(gapList(input)).toEqual([]);
  });

  it('does not count out-of-scope execution types or sub-tasks as stories beneath', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [
        anEpic('ALPHA-1', { pm: 'ann' }),
        anIssue({ key: 'ALPHA-2', type: 'Task', parent: 'ALPHA-1' }),
      ],
      related: [anIssue({ key: 'BETA-1', type: 'Sub-task', parent: 'ALPHA-1' })],
    });
    expect(gapList(input)).toEqual(['EPIC_WITHOUT_STORIES ALPHA-1']);
  });

  it('gives each gap the nearest level >= 1 ancestor as epicKey', () => {
    const input = anEngineInput({
      issues: [
        anIssue({ key: 'ALPHA-1', type: 'Initiative' }),
        anEpic('ALPHA-2', { parent: 'ALPHA-1' }),
        aStory('ALPHA-3', { parent: 'ALPHA-2' }),
      ],
    });
    const epicKeys = reportOf(input).gaps.map((g) => [g.code, g.issueKey, g.epicKey]);
    expect(epicKeys).toEqual([
      ['EPIC_WITHOUT_PM', 'ALPHA-1', null],
      ['EPIC_WITHOUT_PM', 'ALPHA-2', 'ALPHA-1'],
      ['STORY_WITHOUT_PO', 'ALPHA-3', 'ALPHA-2'],
    ]);
  });

  it('compares a story with its direct strategy parent only, wherever it lives and whatever its status', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [aStory('ALPHA-1', { parent: 'BETA-2', po: 'cat' })],
      related: [
        anIssue({ key: 'BETA-1', type: 'Initiative', pm: 'bob' }),
        anEpic('BETA-2', { parent: 'BETA-1', pm: 'cat', statusCategory: 'done' }),
      ],
    });
    expect(gapList(input)).toEqual(['SAME_PERSON_PM_AND_PO ALPHA-1']);
  });

  it('does not compare with an epic whose own property is invalid', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [aStory('ALPHA-1', { parent: 'BETA-1', po: 'cat' })],
      related: [anEpic('BETA-1', { ownership: { schema: 1, pm: { accountId: 'cat' } } })],
    });
    expect(gapList(input)).toEqual([]);
  });
});

describe('grace period', () => {
  const issuesCreated = (created: string) => [
    anEpic('ALPHA-1', { created }),
    aStory('ALPHA-2', { created, po: 'ann' }),
  ];
  const graced = (created: string, graceDays = 3) =>
    gapList(
      anEngineInput({ people: PEOPLE, policy: aPolicy({ graceDays }), issues: issuesCreated(created) }),
    );

  it('keeps only the three grace rules quiet while the issue is younger than graceDays', () => {
    expect(graced(daysBefore(1))).toEqual(['PO_NOT_ELIGIBLE ALPHA-2', 'STORY_WITHOUT_EPIC ALPHA-2']);
  });

  it('ends exactly graceDays after creation', () => {
    expect(graced(daysBefore(3))).toEqual([
      'EPIC_WITHOUT_PM ALPHA-1',
      'PO_NOT_ELIGIBLE ALPHA-2',
      'STORY_WITHOUT_EPIC ALPHA-2',
      'EPIC_WITHOUT_STORIES ALPHA-1',
    ]);
    expect(graced(new Date(TEST_NOW.getTime() - 3 * 86_400_000 + 1).toISOString())).toHaveLength(2);
  });

  it('treats a creation date it cannot read as old: the gap shows rather than hides', () => {
    expect(graced('not a date')).toHaveLength(4);
  });

  it('graces an issue created in the future (clock skew) while graceDays > 0, never with 0', () => {
    const future = new Date(TEST_NOW.getTime() + 60_000).toISOString();
    expect(graced(future)).toHaveLength(2);
    expect(graced(future, 0)).toHaveLength(4);
  });
});

describe('waivers', () => {
  const base = () => anEngineInput({ issues: [aStory('ALPHA-1')] });

  it('moves one gap of one issue to waived and leaves the others', () => {
    const input = base();
    input.waivers = [aWaiver('ALPHA-1', 'STORY_WITHOUT_EPIC')];
    const report = reportOf(input);
    expect(report.gaps.map((g) => g.code)).toEqual(['STORY_WITHOUT_PO']);
    expect(report.waived).toEqual([
      expect.objectContaining({ code: 'STORY_WITHOUT_EPIC', issueKey: 'ALPHA-1', waiver: input.waivers[0] }),
    ]);
  });

  it('stops applying at expiresAt, and ignores an expiry it cannot read', () => {
    for (const expiresAt of [TEST_NOW.toISOString(), daysBefore(1), 'never', '']) {
      const input = base();
      input.waivers = [aWaiver('ALPHA-1', 'STORY_WITHOUT_PO', { expiresAt })];
      expect(reportOf(input).waived).toEqual([]);
    }
  });

  it('of two waivers for the same gap, attaches the one that lasts longer', () => {
    const input = base();
    const short = aWaiver('ALPHA-1', 'STORY_WITHOUT_PO', {
      expiresAt: '2030-01-01T00:00:00Z',
      reason: 'short',
    });
    const long = aWaiver('ALPHA-1', 'STORY_WITHOUT_PO', {
      expiresAt: '2031-01-01T00:00:00Z',
      reason: 'long',
    });
    const expired = aWaiver('ALPHA-1', 'STORY_WITHOUT_PO', {
      expiresAt: '2020-01-01T00:00:00Z',
      reason: 'old',
    });
    input.waivers = [short, long, expired];
    expect(reportOf(input).waived.map((w) => w.waiver.reason)).toEqual(['long']);
    input.waivers = [long, short];
    expect(reportOf(input).waived.map((w) => w.waiver.reason)).toEqual(['long']);
  });

  it('does not change coverage', () => {
    const input = anEngineInput({ people: PEOPLE, issues: [anEpic('ALPHA-1', { pm: 'bob' })] });
    const before = reportOf(input).coverage;
    input.waivers = [aWaiver('ALPHA-1', 'PM_NOT_ELIGIBLE')];
    expect(reportOf(input).coverage).toEqual(before);
  });
});

describe('owners', () => {
  it('names the owner, with a null displayName for an account Jira does not know', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [anEpic('ALPHA-1', { pm: 'ann' }), anEpic('ALPHA-2', { pm: 'ghost' })],
    });
    const owners = reportOf(input).gaps.map((g) => [g.code, g.issueKey, g.owner]);
    expect(owners).toEqual([
      ['PM_NOT_ELIGIBLE', 'ALPHA-2', { accountId: 'ghost', displayName: null }],
      ['EPIC_WITHOUT_STORIES', 'ALPHA-1', { accountId: 'ann', displayName: 'Name of ann' }],
      ['EPIC_WITHOUT_STORIES', 'ALPHA-2', { accountId: 'ghost', displayName: null }],
    ]);
  });
});

describe('bad input', () => {
  it('fails with ROSTER_UNAVAILABLE when a role source could not be read', () => {
    expect(
      evaluateGaps(
        anEngineInput({ roster: anUnavailableRoster('group "pms"', 'timeout'), issues: [aStory('ALPHA-1')] }),
      ),
    ).toEqual({
      ok: false,
      error: { code: 'ROSTER_UNAVAILABLE', source: 'group "pms"', message: 'timeout' },
    });
  });

  it('treats a parent it was not given as unknown: the story has no known epic', () => {
    expect(
      gapList(
        anEngineInput({ issues: [aStory('ALPHA-1', { parent: 'GONE-1', po: 'x' })], people: { po: ['x'] } }),
      ),
    ).toEqual(['STORY_WITHOUT_EPIC ALPHA-1']);
  });

  it('survives parent cycles', () => {
    const input = anEngineInput({
      issues: [
        aStory('ALPHA-1', { parent: 'ALPHA-2' }),
        aStory('ALPHA-2', { parent: 'ALPHA-1' }),
        anEpic('ALPHA-3', { parent: 'ALPHA-4' }),
        aStory('ALPHA-4', { parent: 'ALPHA-3' }),
        anEpic('ALPHA-5', { parent: 'ALPHA-5' }),
      ],
    });
    const report = reportOf(input);
    expect(report.gaps.filter((g) => g.code === 'STORY_WITHOUT_EPIC').map((g) => g.issueKey)).toEqual([
      'ALPHA-1',
      'ALPHA-2',
    ]);
    // ALPHA-4's parent is the epic ALPHA-3, so ALPHA-3 has a story beneath it; ALPHA-5 is its own parent only.
    expect(report.gaps.filter((g) => g.code === 'EPIC_WITHOUT_STORIES').map((g) => g.issueKey)).toEqual([
      'ALPHA-5',
    ]);
    expect(report.gaps.find((g) => g.issueKey === 'ALPHA-5')?.epicKey).toBeNull();
    expect(report.gaps.find((g) => g.issueKey === 'ALPHA-3')?.epicKey).toBeNull();
  });

  it('keeps the first of duplicated issues, scanned before related', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [
        aStory('ALPHA-1', { po: 'bob', parent: 'ALPHA-2' }),
        aStory('ALPHA-1'),
        anEpic('ALPHA-2', { pm: 'ann' }),
      ],
      related: [anEpic('ALPHA-2'), aStory('ALPHA-1')],
    });
    expect(gapList(input)).toEqual([]);
    expect(reportOf(input).coverage).toEqual({ strategyIssues: 1, withPm: 1, executionIssues: 1, withPo: 1 });
  });

  it('reports nothing for unknown hierarchy levels and garbage issue types', () => {
    const input = anEngineInput({
      issues: [
        anIssue({ key: 'ALPHA-1', type: { id: 'x', name: 'Story', hierarchyLevel: Number.NaN } }),
        anIssue({ key: 'ALPHA-2', type: { id: 'y', name: '', hierarchyLevel: -7 } }),
      ],
    });
    expect(gapList(input)).toEqual([]);
  });

  it('handles an invalid `now` without throwing', () => {
    const input = anEngineInput({
      issues: [aStory('ALPHA-1')],
      now: new Date('garbage'),
      waivers: [aWaiver('ALPHA-1', 'STORY_WITHOUT_PO')],
    });
    input.policy = aPolicy({ graceDays: 5 });
    expect(gapList(input)).toEqual(['STORY_WITHOUT_PO ALPHA-1', 'STORY_WITHOUT_EPIC ALPHA-1']);
  });

  it('orders keys without a number after numbered ones, then by the raw key', () => {
    const input = anEngineInput({ issues: [aStory('ALPHA-X'), aStory('ALPHA-'), aStory('ALPHA-3')] });
    expect(gapList(input).filter((g) => g.startsWith('STORY_WITHOUT_PO'))).toEqual([
      'STORY_WITHOUT_PO ALPHA-3',
      'STORY_WITHOUT_PO ALPHA-',
      'STORY_WITHOUT_PO ALPHA-X',
    ]);
  });
});

describe('helpers', () => {
  it('checksFor lists the enabled rules for each kind, with effective severity', () => {
    const policy = aPolicy({
      rules: {
        EPIC_WITHOUT_STORIES: { enabled: false, severity: 'warning' },
        EPIC_WITHOUT_PM: { enabled: true, severity: 'warning' },
      },
    });
    expect(checksFor('strategy', policy)).toEqual([
      { code: 'OWNERSHIP_INVALID', severity: 'error' },
      { code: 'EPIC_WITHOUT_PM', severity: 'warning' },
      { code: 'PM_NOT_ELIGIBLE', severity: 'error' },
      { code: 'ROLE_MISPLACED', severity: 'error' },
    ]);
    expect(checksFor('execution', aPolicy()).map((c) => c.code)).toEqual([
      'OWNERSHIP_INVALID',
      'STORY_WITHOUT_PO',
      'PO_NOT_ELIGIBLE',
      'ROLE_MISPLACED',
      'SAME_PERSON_PM_AND_PO',
      'STORY_WITHOUT_EPIC',
    ]);
    expect(checksFor('out-of-scope', aPolicy())).toEqual([]);
  });

  it('compares issue keys by project, then number', () => {
    const keys = ['BETA-1', 'ALPHA-10', 'ALPHA-9', 'AB-100', 'ALPHA-X'];
    expect([...keys].sort(compareIssueKeys)).toEqual(['AB-100', 'ALPHA-9', 'ALPHA-10', 'ALPHA-X', 'BETA-1']);
  });

  it('compares gaps by severity, then rule order, then key', () => {
    const gap = (severity: 'error' | 'warning', code: GapCode, issueKey: string) => ({
      severity,
      code,
      issueKey,
    });
    const sorted = [
      gap('warning', 'EPIC_WITHOUT_PM', 'A-1'),
      gap('error', 'STORY_WITHOUT_EPIC', 'A-1'),
      gap('error', 'EPIC_WITHOUT_PM', 'A-2'),
      gap('error', 'EPIC_WITHOUT_PM', 'A-10'),
    ].sort(compareGaps);
    expect(sorted.map((g) => `${g.severity} ${g.code} ${g.issueKey}`)).toEqual([
      'error EPIC_WITHOUT_PM A-2',
      'error EPIC_WITHOUT_PM A-10',
      'error STORY_WITHOUT_EPIC A-1',
      'warning EPIC_WITHOUT_PM A-1',
    ]);
  });
});
