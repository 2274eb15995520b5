// `explain`: each rule's outcome for one issue, from the same rule functions the scan uses. The golden
// fixtures tie the two together: over all issues, the failing outcomes are exactly the scan's gaps.
import { describe, expect, it } from '@jest/globals';
import {
  explain,
  explainIn,
  ruleContext,
  type Explanation,
  type RuleOutcome,
} from '../../../src/domain/explain';
import { evaluateGaps, type EngineInput } from '../../../src/domain/gap-engine';
import { compareGaps } from '../../../src/domain/gap-order';
import { GAP_CODES, type Gap, type GapCode, type IssueFacts } from '../../../src/domain/model';
import { loadGoldenFixtures } from '../../fixtures/golden/load';
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

function explanationOf(issue: IssueFacts | string, input: EngineInput): Explanation {
  const result = explain(issue, input);
  if (!result.ok) throw new Error(`expected an explanation, got ${result.error.code}`);
  return result.explanation;
}

/** The outcome of one rule, without its severity (asserted separately). */
function outcomeOf(issueKey: string, code: GapCode, input: EngineInput): Omit<RuleOutcome, 'severity'> {
  const outcome = explanationOf(issueKey, input).outcomes.find((o) => o.code === code);
  if (outcome === undefined) throw new Error(`no outcome for ${code}`);
  const { severity: _severity, ...rest } = outcome;
  return rest;
}

const notChecked = (code: GapCode, reason: string) => ({ code, status: 'not-checked', reason });

describe('explain agrees with the scan on every golden fixture', () => {
  it.each(loadGoldenFixtures().map((f) => [f.name, f] as const))('%s', (_name, { input, expected }) => {
    const prepared = ruleContext(input);
    if (!prepared.ok) {
      expect(expected).toEqual({ ok: false, error: prepared.error });
      expect(explain(input.issues[0]?.key ?? 'ALPHA-1', input)).toEqual(expected);
      return;
    }
    if (!expected.ok) throw new Error('the fixture expects an error, explain found a roster');
    const keys = [...new Set([...input.issues, ...input.related].map((i) => i.key))];
    const explanations = keys.map((key) => explainIn(prepared.context, key));
    const failing: Gap[] = [];
    const waived: Array<Gap & { waiver: unknown }> = [];
    for (const outcome of explanations.flatMap((e) => e.outcomes)) {
      if (outcome.status === 'fail') failing.push(outcome.gap);
      if (outcome.status === 'waived') waived.push({ ...outcome.gap, waiver: outcome.waiver });
    }
    expect(failing.sort(compareGaps)).toEqual(expected.report.gaps);
    expect(waived.sort(compareGaps)).toEqual(expected.report.waived);
    // And coverage counts exactly the in-scope issues whose explanation says their slot is covered.
    const inScope = explanations.filter((e) => e.scope === 'in-scope');
    expect({
      strategyIssues: inScope.filter((e) => e.kind === 'strategy').length,
      withPm: inScope.filter((e) => e.kind === 'strategy' && e.covered).length,
      executionIssues: inScope.filter((e) => e.kind === 'execution').length,
      withPo: inScope.filter((e) => e.kind === 'execution' && e.covered).length,
    }).toEqual(expected.report.coverage);
  });
});

describe('explain, rule by rule', () => {
  it('gives one outcome per rule, in table order, with the effective severity', () => {
    const input = anEngineInput({
      people: PEOPLE,
      policy: aPolicy({ rules: { STORY_WITHOUT_EPIC: { enabled: true, severity: 'error' } } }),
      issues: [aStory('ALPHA-1', { po: 'bob' })],
    });
    const { outcomes } = explanationOf('ALPHA-1', input);
    expect(outcomes.map((o) => o.code)).toEqual([...GAP_CODES]);
    expect(outcomes.find((o) => o.code === 'STORY_WITHOUT_EPIC')?.severity).toBe('error');
    expect(outcomes.find((o) => o.code === 'SAME_PERSON_PM_AND_PO')?.severity).toBe('warning');
  });

  it('passes, fails and names the failing gap exactly as the scan reports it', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [aStory('ALPHA-1', { parent: 'ALPHA-2', po: 'ann' }), anEpic('ALPHA-2', { pm: 'cat' })],
    });
    const story = explanationOf('ALPHA-1', input);
    const byStatus = (status: string) => story.outcomes.filter((o) => o.status === status).map((o) => o.code);
    expect(byStatus('fail')).toEqual(['PO_NOT_ELIGIBLE']);
    expect(byStatus('pass')).toEqual([
      'OWNERSHIP_INVALID',
      'STORY_WITHOUT_PO',
      'ROLE_MISPLACED',
      'SAME_PERSON_PM_AND_PO',
      'STORY_WITHOUT_EPIC',
    ]);
    const report = evaluateGaps(input);
    if (!report.ok) throw new Error('roster is ok');
    expect(outcomeOf('ALPHA-1', 'PO_NOT_ELIGIBLE', input)).toEqual({
      code: 'PO_NOT_ELIGIBLE',
      status: 'fail',
      gap: report.report.gaps.find((g) => g.issueKey === 'ALPHA-1'),
    });
    expect(story.epic?.key).toBe('ALPHA-2');
    expect(story.covered).toBe(false);
    expect(explanationOf('ALPHA-2', input).covered).toBe(true);
  });

  it('says a slot rule was not checked while the slot is empty', () => {
    const input = anEngineInput({ people: PEOPLE, issues: [aStory('ALPHA-1'), anEpic('ALPHA-2')] });
    expect(outcomeOf('ALPHA-1', 'PO_NOT_ELIGIBLE', input)).toEqual(
      notChecked('PO_NOT_ELIGIBLE', 'slot-empty'),
    );
    expect(outcomeOf('ALPHA-1', 'SAME_PERSON_PM_AND_PO', input)).toEqual(
      notChecked('SAME_PERSON_PM_AND_PO', 'slot-empty'),
    );
    expect(outcomeOf('ALPHA-2', 'PM_NOT_ELIGIBLE', input)).toEqual(
      notChecked('PM_NOT_ELIGIBLE', 'slot-empty'),
    );
  });

  it('skips every slot rule on an unreadable property, but still checks STORY_WITHOUT_EPIC', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [aStory('ALPHA-1', { ownership: { schema: 2 } })],
    });
    const { outcomes } = explanationOf('ALPHA-1', input);
    expect(
      outcomes
        .filter((o) => o.status === 'not-checked' && o.reason === 'ownership-invalid')
        .map((o) => o.code),
    ).toEqual(['STORY_WITHOUT_PO', 'PO_NOT_ELIGIBLE', 'ROLE_MISPLACED', 'SAME_PERSON_PM_AND_PO']);
    expect(outcomes.filter((o) => o.status === 'fail').map((o) => o.code)).toEqual([
      'OWNERSHIP_INVALID',
      'STORY_WITHOUT_EPIC',
    ]);
  });

  it('says why SAME_PERSON_PM_AND_PO had nothing to compare with', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [
        aStory('ALPHA-1', { po: 'bob' }),
        aStory('ALPHA-2', { po: 'bob', parent: 'GONE-1' }),
        aStory('ALPHA-3', { po: 'bob', parent: 'ALPHA-10' }),
        aStory('ALPHA-4', { po: 'bob', parent: 'ALPHA-11' }),
        anEpic('ALPHA-10'),
        anEpic('ALPHA-11', { ownership: 'garbage' }),
      ],
    });
    const reason = (key: string) => outcomeOf(key, 'SAME_PERSON_PM_AND_PO', input);
    expect(reason('ALPHA-1')).toEqual(notChecked('SAME_PERSON_PM_AND_PO', 'no-epic'));
    expect(reason('ALPHA-2')).toEqual(notChecked('SAME_PERSON_PM_AND_PO', 'parent-not-visible'));
    expect(reason('ALPHA-3')).toEqual(notChecked('SAME_PERSON_PM_AND_PO', 'no-epic-pm'));
    expect(reason('ALPHA-4')).toEqual(notChecked('SAME_PERSON_PM_AND_PO', 'epic-ownership-invalid'));
    // A parent out of sight still leaves the story without a known epic: the gap shows.
    expect(outcomeOf('ALPHA-2', 'STORY_WITHOUT_EPIC', input)).toMatchObject({ status: 'fail' });
  });

  it('keeps the three grace rules quiet during the grace period, and says so', () => {
    const input = anEngineInput({
      people: PEOPLE,
      policy: aPolicy({ graceDays: 5 }),
      issues: [
        anEpic('ALPHA-1', { created: new Date(TEST_NOW.getTime() - 86_400_000).toISOString() }),
        aStory('ALPHA-2', { created: TEST_NOW.toISOString() }),
      ],
    });
    expect(outcomeOf('ALPHA-1', 'EPIC_WITHOUT_PM', input)).toEqual(
      notChecked('EPIC_WITHOUT_PM', 'grace-period'),
    );
    expect(outcomeOf('ALPHA-1', 'EPIC_WITHOUT_STORIES', input)).toEqual(
      notChecked('EPIC_WITHOUT_STORIES', 'grace-period'),
    );
    expect(outcomeOf('ALPHA-2', 'STORY_WITHOUT_PO', input)).toEqual(
      notChecked('STORY_WITHOUT_PO', 'grace-period'),
    );
    // Not a grace rule: fires at once.
    expect(outcomeOf('ALPHA-2', 'STORY_WITHOUT_EPIC', input)).toMatchObject({ status: 'fail' });
  });

  it('does not check EPIC_WITHOUT_STORIES on a done epic, even when done issues are included', () => {
    const input = anEngineInput({
      people: PEOPLE,
      policy: aPolicy({ includeDone: true }),
      issues: [anEpic('ALPHA-1', { pm: 'ann', statusCategory: 'done' })],
    });
    expect(outcomeOf('ALPHA-1', 'EPIC_WITHOUT_STORIES', input)).toEqual(
      notChecked('EPIC_WITHOUT_STORIES', 'issue-done'),
    );
    expect(outcomeOf('ALPHA-1', 'EPIC_WITHOUT_PM', input)).toMatchObject({ status: 'pass' });
  });

  it('tells a rule switched off from a rule for the other kind of issue', () => {
    const input = anEngineInput({
      people: PEOPLE,
      policy: aPolicy({ rules: { STORY_WITHOUT_EPIC: { enabled: false, severity: 'warning' } } }),
      issues: [aStory('ALPHA-1', { po: 'bob' })],
    });
    expect(outcomeOf('ALPHA-1', 'STORY_WITHOUT_EPIC', input)).toEqual(
      notChecked('STORY_WITHOUT_EPIC', 'rule-off'),
    );
    expect(outcomeOf('ALPHA-1', 'EPIC_WITHOUT_PM', input)).toEqual(
      notChecked('EPIC_WITHOUT_PM', 'not-applicable'),
    );
  });

  it('moves a waived failure aside with its waiver', () => {
    const waiver = aWaiver('ALPHA-1', 'STORY_WITHOUT_EPIC');
    const input = anEngineInput({
      people: PEOPLE,
      issues: [aStory('ALPHA-1', { po: 'bob' })],
      waivers: [waiver],
    });
    expect(outcomeOf('ALPHA-1', 'STORY_WITHOUT_EPIC', input)).toMatchObject({ status: 'waived', waiver });
  });

  it('checks nothing on an issue out of scope, and says which scope', () => {
    const input = anEngineInput({
      people: PEOPLE,
      issues: [
        anIssue({ key: 'ALPHA-1', type: 'Sub-task' }),
        anIssue({ key: 'ALPHA-2', type: 'Task' }),
        aStory('ALPHA-3', { statusCategory: 'done' }),
        aStory('BETA-1'),
      ],
      related: [aStory('ALPHA-4')],
    });
    const scope = (key: string) => explanationOf(key, input).scope;
    expect(['ALPHA-1', 'ALPHA-2', 'ALPHA-3', 'BETA-1', 'ALPHA-4', 'ALPHA-5'].map(scope)).toEqual([
      'subtask',
      'type-not-in-scope',
      'done',
      'not-scanned',
      'not-scanned',
      'unknown',
    ]);
    for (const key of ['ALPHA-1', 'ALPHA-3', 'ALPHA-5']) {
      const { outcomes, covered } = explanationOf(key, input);
      expect(outcomes.every((o) => o.status === 'not-checked' && o.reason === 'out-of-scope')).toBe(true);
      expect(covered).toBe(false);
    }
  });

  it('explains the first of duplicated issues, and checks nothing on the later one', () => {
    const later = aStory('ALPHA-1');
    const input = anEngineInput({ people: PEOPLE, issues: [aStory('ALPHA-1', { po: 'bob' }), later] });
    expect(outcomeOf('ALPHA-1', 'STORY_WITHOUT_PO', input)).toMatchObject({ status: 'pass' });
    const duplicate = explanationOf(later, input);
    expect(duplicate.scope).toBe('duplicate');
    expect(duplicate.outcomes.every((o) => o.status === 'not-checked')).toBe(true);
  });

  it('fails with ROSTER_UNAVAILABLE as the scan does', () => {
    const input = anEngineInput({ roster: anUnavailableRoster(), issues: [aStory('ALPHA-1')] });
    expect(explain('ALPHA-1', input)).toEqual(evaluateGaps(input));
  });
});
