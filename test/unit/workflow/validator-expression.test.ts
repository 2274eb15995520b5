// What the validator's expression decides, run by the sandbox's evaluator on the very text manifest.yml
// carries: refused with a message naming the missing role while the slot is empty, allowed once it is held,
// and never in the way of sub-tasks, untracked types, disabled projects or the create transition.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  evaluate,
  parseExpression,
  parseWorkflowValidators,
  runValidators,
} from '../../../sandbox/site/expressions';
import {
  WORKFLOW_VALIDATOR_ERROR_MESSAGE,
  WORKFLOW_VALIDATOR_KEY,
  missingOwnerMessage,
} from '../../../src/app/workflow/validator';
import { variables, type IssueFacts } from './support';

const root = join(import.meta.dirname, '..', '..', '..');
const validators = parseWorkflowValidators(readFileSync(join(root, 'manifest.yml'), 'utf8'));
const ours = validators.find((v) => v.key === WORKFLOW_VALIDATOR_KEY);
if (!ours?.expression) throw new Error('manifest.yml has no expression validator ' + WORKFLOW_VALIDATOR_KEY);
const parsed = parseExpression(ours.expression);

const ENABLED = { schema: 1, enabled: true };
const slot = (accountId: string) => ({ accountId, setBy: 'someone', setAt: '2026-11-01T10:00:00Z' });

/** The expression's answer for an issue, in a project whose policy property holds `policy` (undefined: none). */
function decide(issue: IssueFacts, ...policy: [unknown?]): unknown {
  return evaluate(parsed, variables(issue, policy.length === 0 ? ENABLED : policy[0])).value;
}

describe('the workflow validator expression', () => {
  it('refuses an epic without a PM, naming the role and the fix, and allows it once a PM is set', () => {
    const epic = { typeName: 'Epic', level: 1 };
    expect(decide(epic)).toBe(missingOwnerMessage('pm', 'Epic'));
    expect(decide({ ...epic, ownership: { schema: 1, po: slot('po-1') } })).toBe(
      missingOwnerMessage('pm', 'Epic'),
    );
    expect(decide({ ...epic, ownership: { schema: 1, pm: slot('pm-1') } })).toBe(true);
  });

  it('says the issue type it refuses: an initiative is not called an epic', () => {
    expect(decide({ typeName: 'Initiative', level: 2 })).toBe(missingOwnerMessage('pm', 'Initiative'));
  });

  it('refuses a story without a PO and allows it with one', () => {
    const story = { typeName: 'Story', level: 0 };
    expect(decide(story)).toBe(missingOwnerMessage('po', 'Story'));
    expect(decide({ ...story, ownership: { schema: 1, pm: slot('pm-1') } })).toBe(
      missingOwnerMessage('po', 'Story'),
    );
    expect(decide({ ...story, ownership: { schema: 1, po: slot('po-1') } })).toBe(true);
  });

  it("tracks the policy's execution types (default Story only)", () => {
    const task = { typeName: 'Task', level: 0 };
    expect(decide(task)).toBe(true);
    expect(decide(task, { ...ENABLED, executionTypes: ['Story', 'Task'] })).toBe(
      missingOwnerMessage('po', 'Task'),
    );
    expect(decide({ typeName: 'Story', level: 0 }, { ...ENABLED, executionTypes: ['Task'] })).toBe(true);
  });

  it('lets sub-tasks through', () => {
    expect(decide({ typeName: 'Sub-task', level: -1 })).toBe(true);
  });

  it('lets everything through where Role Split is not enabled', () => {
    const epic = { typeName: 'Epic', level: 1 };
    expect(decide(epic, undefined)).toBe(true);
    expect(decide(epic, { schema: 1, enabled: false })).toBe(true);
    expect(decide(epic, { schema: 1 })).toBe(true);
    expect(decide(epic, { schema: 2, enabled: true })).toBe(true);
  });

  it('never refuses the create transition (the issue has no id yet)', () => {
    expect(decide({ id: null, typeName: 'Epic', level: 1 })).toBe(true);
  });

  it('treats an empty or null slot as empty', () => {
    expect(decide({ typeName: 'Epic', level: 1, ownership: { schema: 1, pm: null } })).toBe(
      missingOwnerMessage('pm', 'Epic'),
    );
    expect(decide({ typeName: 'Epic', level: 1, ownership: { schema: 1, pm: {} } })).toBe(
      missingOwnerMessage('pm', 'Epic'),
    );
  });

  it('refuses with the module errorMessage when a damaged property makes the expression fail, as Jira does', () => {
    const outcome = runValidators(
      validators,
      variables({ typeName: 'Epic', level: 1, ownership: 'not an object' }, ENABLED),
    );
    expect(outcome).toEqual({
      kind: 'refused',
      validator: WORKFLOW_VALIDATOR_KEY,
      message: WORKFLOW_VALIDATOR_ERROR_MESSAGE,
      detail: expect.stringMatching(/Unrecognized property of `String`: "pm"/),
    });
  });

  it('reads at most two entity properties (Jira allows 10 expensive operations)', () => {
    expect(evaluate(parsed, variables({ typeName: 'Story', level: 0 }, ENABLED)).expensiveOperations).toBe(2);
  });
});
