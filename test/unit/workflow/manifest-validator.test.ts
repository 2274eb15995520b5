// The validator manifest.yml carries is the one src/app/workflow/validator.ts builds (so the sandbox, the tests
// and Jira all run the same text), and it stays inside Jira's limits for an expression.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse, stringify } from 'yaml';
import {
  WORKFLOW_VALIDATOR_EXPRESSION,
  WORKFLOW_VALIDATOR_MODULE,
  missingOwnerMessage,
} from '../../../src/app/workflow/validator';

const root = join(import.meta.dirname, '..', '..', '..');
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
  modules: Record<string, unknown[]>;
};

describe('the workflow validator in manifest.yml', () => {
  it('is exactly the generated module', () => {
    const declared = manifest.modules['jira:workflowValidator'];
    const expected = {
      ...WORKFLOW_VALIDATOR_MODULE,
      projectTypes: [...WORKFLOW_VALIDATOR_MODULE.projectTypes],
    };
    // On a mismatch, the message is the YAML to paste into manifest.yml.
    expect({ declared, yaml: stringify([expected]) }).toEqual({
      declared: [expected],
      yaml: stringify([expected]),
    });
  });

  it('stays within the limits Jira documents for an expression (1,000 characters)', () => {
    expect(WORKFLOW_VALIDATOR_EXPRESSION.length).toBeLessThanOrEqual(1000);
  });

  it('names the missing role and how to fix it', () => {
    expect(missingOwnerMessage('pm', 'Epic')).toBe(
      'This Epic has no Product Manager (PM): set one in the Role Split section of the issue, then try again.',
    );
    expect(missingOwnerMessage('po', 'Story')).toMatch(/^This Story has no Product Owner \(PO\): set one/);
  });
});
