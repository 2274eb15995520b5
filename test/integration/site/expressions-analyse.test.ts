// POST /rest/api/3/expression/analyse on the embedded site: what the sandbox's analyser says about the
// validator's expression (valid, its type, two expensive operations) and how it reports syntax errors, type
// errors, Jira's size limits and constructs outside the subset.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { WORKFLOW_VALIDATOR_EXPRESSION } from '../../../src/app/workflow/validator';
import { client, read, startTestSite } from './helpers';

const analysis = z.object({
  results: z.array(
    z.object({
      expression: z.string(),
      valid: z.boolean(),
      type: z.string().optional(),
      errors: z
        .array(
          z.object({
            type: z.string(),
            message: z.string(),
            line: z.number().optional(),
            column: z.number().optional(),
          }),
        )
        .optional(),
      complexity: z.object({ expensiveOperations: z.string() }).optional(),
    }),
  ),
});

let site: RunningSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => site.close());

async function analyse(check: string, expressions: string[]) {
  return read(
    analysis,
    await client(site, DEMO.adminUser).post(`/rest/api/3/expression/analyse?check=${check}`, { expressions }),
  ).results;
}

describe('POST /expression/analyse', () => {
  it("finds the validator's expression valid, of type Boolean | String, with two expensive operations", async () => {
    expect(await analyse('syntax', [WORKFLOW_VALIDATOR_EXPRESSION])).toEqual([
      { expression: WORKFLOW_VALIDATOR_EXPRESSION, valid: true },
    ]);
    const [typed] = await analyse('type', [WORKFLOW_VALIDATOR_EXPRESSION]);
    expect(typed).toMatchObject({ valid: true, type: 'Boolean | String' });
    const [complexity] = await analyse('complexity', [WORKFLOW_VALIDATOR_EXPRESSION]);
    expect(complexity?.complexity).toEqual({ expensiveOperations: '2' });
  });

  it('reports the issue type hierarchy level as a Number and entity property values as Any', async () => {
    const results = await analyse('type', [
      'issue.issueType.hierarchyLevel',
      'project.properties["role-split-policy"]',
      'issue.properties["role-split-ownership"]?.pm?.accountId != null',
    ]);
    expect(results.map((r) => r.type)).toEqual(['Number', 'Any', 'Boolean']);
  });

  it('reports type errors: unknown members, comparing a Number to a String', async () => {
    const [unknown, compare] = await analyse('type', ['issue.nope', 'issue.id > "0"']);
    expect(unknown).toMatchObject({ valid: false, type: 'TypeError' });
    expect(unknown?.errors?.[0]).toMatchObject({
      type: 'type',
      message: expect.stringMatching(/Unrecognized property of `Issue`: "nope"/),
    });
    expect(compare?.errors?.[0]?.message).toBe("Can't compare Number to String.");
  });

  it('reports syntax errors with their position, and Jira limits', async () => {
    const [broken, long] = await analyse('syntax', ['issue.key ==', `"${'x'.repeat(1000)}"`]);
    expect(broken?.valid).toBe(false);
    expect(broken?.errors?.[0]).toMatchObject({ type: 'syntax', line: 1, column: 13 });
    expect(long?.errors?.[0]?.message).toBe('Jira expression is too long (1002), limit: 1000 characters');
  });

  it('says plainly when an expression is outside the sandbox subset', async () => {
    const [result] = await analyse('type', ['issue.comments.map(c => c.id)']);
    expect(result?.valid).toBe(false);
    expect(result?.errors?.[0]).toMatchObject({
      type: 'other',
      message: expect.stringMatching(
        /The sandbox does not evaluate this Jira expression construct: arrow function/,
      ),
    });
  });

  it('refuses an unknown check', async () => {
    const reply = await client(site, DEMO.adminUser).post('/rest/api/3/expression/analyse?check=speed', {
      expressions: ['true'],
    });
    expect(reply.status).toBe(400);
  });
});
