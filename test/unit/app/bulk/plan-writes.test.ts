// The bulk plan, one issue at a time: every outcome, the order of the checks, and what a write keeps.
import { describe, expect, it } from '@jest/globals';
import { planWrite, type EligibilityLookup, type PlanRequest } from '../../../../src/app/bulk/plan-writes';
import { TEST_NOW, aPolicy, aSlot, anEpic, anIssue, aStory } from '../../../support/builders';

const ELIGIBLE: EligibilityLookup = () => ({ eligible: true, reason: null });

function plan(overrides: Partial<PlanRequest> & Pick<PlanRequest, 'facts'>) {
  return planWrite({
    to: 'yara',
    policy: aPolicy(),
    eligibility: ELIGIBLE,
    setBy: 'lead',
    now: TEST_NOW,
    ...overrides,
  });
}

describe('planWrite', () => {
  it('assigns an empty slot, keeping the other slot and every field it does not know', () => {
    const facts = aStory('ALPHA-1', {
      ownership: { schema: 1, pm: { ...aSlot('pat'), note: 'x' }, tool: { keep: [1, 2] } },
    });
    const result = plan({ facts });
    expect(result.outcome).toBe('assign');
    if (result.outcome !== 'assign') return;
    expect(result.slot).toBe('po');
    expect(result.from).toBeNull();
    expect(result.next).toEqual({
      schema: 1,
      pm: { ...aSlot('pat'), note: 'x' },
      tool: { keep: [1, 2] },
      po: { accountId: 'yara', setBy: 'lead', setAt: TEST_NOW.toISOString() },
    });
  });

  it('takes the slot from the level: a PM on an epic', () => {
    const result = plan({ facts: anEpic('ALPHA-2', { po: 'old' }) });
    expect(result).toMatchObject({ outcome: 'assign', slot: 'pm', from: null });
  });

  it('clears a held slot, keeping the rest', () => {
    const facts = aStory('ALPHA-1', { ownership: { schema: 1, po: aSlot('sam'), extra: true } });
    const result = plan({ facts, to: null });
    expect(result).toMatchObject({ outcome: 'clear', from: 'sam', to: null });
    if (result.outcome === 'clear') expect(result.next).toEqual({ schema: 1, extra: true });
  });

  it('is unchanged when the slot already holds the target, and when clearing an empty slot', () => {
    expect(plan({ facts: aStory('ALPHA-1', { po: 'yara' }) }).outcome).toBe('unchanged');
    expect(plan({ facts: aStory('ALPHA-1'), to: null }).outcome).toBe('unchanged');
  });

  it('refuses sub-tasks and types out of scope with OUT_OF_SCOPE', () => {
    expect(plan({ facts: anIssue({ key: 'ALPHA-3', type: 'Sub-task' }) })).toMatchObject({
      outcome: 'refused',
      reason: 'OUT_OF_SCOPE',
      slot: null,
    });
    const task = plan({ facts: anIssue({ key: 'ALPHA-4', type: 'Task' }) });
    expect(task).toMatchObject({ outcome: 'refused', reason: 'OUT_OF_SCOPE' });
    // ... unless the policy tracks the type.
    const tracked = plan({
      facts: anIssue({ key: 'ALPHA-4', type: 'Task' }),
      policy: aPolicy({ executionTypes: ['Story', 'Task'] }),
    });
    expect(tracked.outcome).toBe('assign');
  });

  it('refuses a role that does not match the level with WRONG_ROLE_FOR_LEVEL', () => {
    expect(plan({ facts: aStory('ALPHA-1'), role: 'pm' })).toMatchObject({
      outcome: 'refused',
      reason: 'WRONG_ROLE_FOR_LEVEL',
    });
    expect(plan({ facts: aStory('ALPHA-1'), role: 'po' }).outcome).toBe('assign');
  });

  it("names the slot a misplaced owner sits in (a PO on an epic) and who holds it, not the epic's PM slot", () => {
    const result = plan({
      facts: anEpic('SHOP-75', { pm: 'pat', po: 'sam' }),
      role: 'po',
      expectedFrom: 'sam',
    });
    expect(result).toMatchObject({
      outcome: 'refused',
      reason: 'WRONG_ROLE_FOR_LEVEL',
      slot: 'po',
      from: 'sam',
    });
    if (result.outcome !== 'refused') return;
    expect(result.message).toBe(
      "SHOP-75 is an Epic, which takes a PM: sam is recorded as its PO, a slot an epic does not have. It is left as it is; clear it in the issue's Role Split section.",
    );
    // Nobody in the named slot (a CSV row naming the wrong role): the slot named, held by nobody.
    expect(plan({ facts: anEpic('SHOP-76', { pm: 'pat' }), role: 'po' })).toMatchObject({
      slot: 'po',
      from: null,
      message: 'SHOP-76 is an Epic: it has a PM owner, not a PO.',
    });
  });

  it('never overwrites a property that does not parse: OWNERSHIP_INVALID, even for a clear', () => {
    const facts = aStory('ALPHA-1', { ownership: { schema: 2, po: 'sam' } });
    for (const to of ['yara', null]) {
      const result = plan({ facts, to });
      expect(result).toMatchObject({ outcome: 'refused', reason: 'OWNERSHIP_INVALID' });
      expect('next' in result).toBe(false);
    }
  });

  it('refuses CONFLICT when the slot no longer holds who it expected, unless it is already at the target', () => {
    expect(plan({ facts: aStory('ALPHA-1', { po: 'zed' }), expectedFrom: 'sam' })).toMatchObject({
      outcome: 'refused',
      reason: 'CONFLICT',
      from: 'zed',
    });
    expect(plan({ facts: aStory('ALPHA-1'), expectedFrom: 'sam' })).toMatchObject({ reason: 'CONFLICT' });
    expect(plan({ facts: aStory('ALPHA-1', { po: 'sam' }), expectedFrom: 'sam' }).outcome).toBe('assign');
    // A redelivered job finds its own write: done, not a conflict with itself.
    expect(plan({ facts: aStory('ALPHA-1', { po: 'yara' }), expectedFrom: 'sam' }).outcome).toBe('unchanged');
    // expectedFrom null: the slot must be empty.
    expect(plan({ facts: aStory('ALPHA-1', { po: 'sam' }), expectedFrom: null })).toMatchObject({
      reason: 'CONFLICT',
    });
  });

  it('with fillOnly leaves a held slot as it is and fills an empty one', () => {
    expect(plan({ facts: aStory('ALPHA-1', { po: 'sam' }), fillOnly: true }).outcome).toBe('unchanged');
    expect(plan({ facts: aStory('ALPHA-1'), fillOnly: true }).outcome).toBe('assign');
  });

  it('asks the checker for the slot role and refuses NOT_ELIGIBLE with its reason', () => {
    const asked: string[] = [];
    const result = plan({
      facts: aStory('ALPHA-1'),
      eligibility: (id, role) => {
        asked.push(`${id}:${role}`);
        return { eligible: false, reason: 'inactive' };
      },
    });
    expect(asked).toEqual(['yara:po']);
    expect(result).toMatchObject({ outcome: 'refused', reason: 'NOT_ELIGIBLE' });
    if (result.outcome === 'refused') expect(result.message).toMatch(/deactivated/);
    // Unchecked people are unknown, never eligible.
    expect(plan({ facts: aStory('ALPHA-1'), eligibility: () => undefined })).toMatchObject({
      reason: 'NOT_ELIGIBLE',
    });
    // A clear needs no check.
    expect(
      plan({ facts: aStory('ALPHA-1', { po: 'sam' }), to: null, eligibility: () => undefined }).outcome,
    ).toBe('clear');
  });
});
