// POST /rest/api/3/expression/evaluate on the embedded site: the validator's fields read from real demo
// issues and projects, as the caller (an issue they cannot see is 404), Jira's evaluation failures as 400,
// and a construct outside the subset answered loudly.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { WORKFLOW_VALIDATOR_EXPRESSION, missingOwnerMessage } from '../../../src/app/workflow/validator';
import { client, errorBody, read, startTestSite } from './helpers';

let site: RunningSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => site.close());

const value = z.object({ value: z.unknown() });
const evaluate = (expression: string, context: Record<string, unknown>, as = DEMO.adminUser) =>
  client(site, as).post('/rest/api/3/expression/evaluate', { expression, context });

describe('POST /expression/evaluate', () => {
  it('reads the fields the validator uses from the demo data', async () => {
    const issue = site.state.getIssue(DEMO.issues.coveredEpic);
    const ownership = issue?.properties.get(DEMO.propertyKey) as { pm: { accountId: string } };
    const reply = await evaluate(
      '[issue.issueType.hierarchyLevel, issue.issueType.name, issue.properties["role-split-ownership"]?.pm?.accountId]',
      { issue: { key: DEMO.issues.coveredEpic } },
    );
    expect(read(value, reply).value).toEqual([1, 'Epic', ownership.pm.accountId]);
    const policy = await evaluate('project.properties["role-split-policy"].enabled', {
      project: { key: DEMO.projectKey },
    });
    expect(read(value, policy).value).toBe(true);
  });

  it("runs the validator's expression: an epic without a PM gets the refusal", async () => {
    const epic = DEMO.gapExamples.EPIC_WITHOUT_PM[0] ?? '';
    const reply = await evaluate(WORKFLOW_VALIDATOR_EXPRESSION, {
      issue: { key: epic },
      project: { key: DEMO.projectKey },
    });
    expect(read(value, reply).value).toBe(missingOwnerMessage('pm', 'Epic'));
  });

  it('answers 404 for an issue the caller cannot see', async () => {
    const reply = await evaluate(
      'issue.key',
      { issue: { key: DEMO.security.securedEpic } },
      DEMO.people.viewer,
    );
    expect(reply.status).toBe(404);
  });

  it('answers 400 "Evaluation failed" when Jira would (member of null)', async () => {
    const reply = await evaluate('issue.properties["none"].pm', { issue: { key: DEMO.issues.coveredEpic } });
    expect(reply.status).toBe(400);
    expect(read(errorBody, reply).errorMessages[0]).toMatch(
      /^Evaluation failed: Cannot read property "pm" of null/,
    );
  });

  it('refuses loudly what the subset does not cover: constructs and context variables', async () => {
    const construct = await evaluate('issue.comments.length', { issue: { key: DEMO.issues.coveredEpic } });
    expect(read(errorBody, construct).errorMessages[0]).toMatch(/does not evaluate .*Issue\.comments/);
    const board = await evaluate('true', { board: 1 });
    expect(board.status).toBe(400);
    expect(read(errorBody, board).errorMessages[0]).toMatch(
      /does not evaluate with the context variable\(s\) board/,
    );
  });
});
