// The embedded site's bulk property write as the bulk core relies on it, checked against Jira's document: 303 to
// a task the caller polls (only its creator or a Jira admin may read it), Browse + Edit Issues needed per issue,
// non-transactional (an issue the caller may not edit or see is left out, the others are written), at most 100
// issues a request (400 beyond).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OWNERSHIP_PROPERTY_KEY } from '../../../src/domain/ownership';
import { createJiraClient, fetchTransport } from '../../../src/jira';
import type { JiraClient } from '../../../src/jira/types';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import type { DemoUser } from '../../../sandbox/site/demo-data';

let site: RunningSite;
beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0, taskDelayMs: 5 });
});
afterAll(async () => {
  await site.close();
});

function as(user: DemoUser): JiraClient {
  return createJiraClient(fetchTransport({ siteUrl: site.url, email: user.email, apiToken: user.apiToken }));
}

const idOf = (project: string) =>
  [...site.state.issues.values()].find((i) => i.projectId === project && i.securityLevelId === null)?.id ??
  '';

async function finished(jira: JiraClient, taskId: string) {
  for (let i = 0; i < 20; i++) {
    const task = await jira.getTask(taskId);
    if (task.status === 'COMPLETE' || task.status === 'FAILED') return task;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the task never finished');
}

describe('POST /issue/properties/multi on the embedded site', () => {
  it('writes each issue the caller may edit and leaves out the others, without failing the request', async () => {
    const diego = as(DEMO.people.developer); // edits SHOP, cannot see MOB
    const shopIssue = idOf(DEMO.projectId);
    const mobIssue = idOf(DEMO.otherProjectId);
    const value = { schema: 1, po: { accountId: 'someone', setBy: 'x', setAt: '2026-01-01T00:00:00Z' } };
    const before = site.state.issues.get(mobIssue)?.properties.get(OWNERSHIP_PROPERTY_KEY);
    const { taskId } = await diego.bulkSetIssueProperties([
      { issueID: Number(shopIssue), properties: { [OWNERSHIP_PROPERTY_KEY]: value } },
      { issueID: Number(mobIssue), properties: { [OWNERSHIP_PROPERTY_KEY]: value } },
    ]);
    const task = await finished(diego, taskId);
    expect(task.status).toBe('COMPLETE');
    expect(site.state.issues.get(shopIssue)?.properties.get(OWNERSHIP_PROPERTY_KEY)).toEqual(value);
    expect(site.state.issues.get(mobIssue)?.properties.get(OWNERSHIP_PROPERTY_KEY)).toEqual(before);

    // Someone who may browse but not edit: the request is accepted, nothing is written.
    const vera = as(DEMO.people.viewer);
    const other = { ...value, po: { ...value.po, accountId: 'other' } };
    const refused = await vera.bulkSetIssueProperties([
      { issueID: Number(shopIssue), properties: { [OWNERSHIP_PROPERTY_KEY]: other } },
    ]);
    expect((await finished(vera, refused.taskId)).status).toBe('COMPLETE');
    expect(site.state.issues.get(shopIssue)?.properties.get(OWNERSHIP_PROPERTY_KEY)).toEqual(value);

    // Only the task's creator (or a Jira admin) may read it.
    await expect(vera.getTask(taskId)).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await as(DEMO.adminUser).getTask(taskId)).id).toBe(taskId);
  });

  it('refuses more than 100 issues in one request', async () => {
    const admin = as(DEMO.adminUser);
    const body = Array.from({ length: 101 }, (_, i) => ({
      issueID: 10_000 + i,
      properties: { k: { v: i } },
    }));
    // The client refuses before sending; the site refuses the same when sent.
    await expect(admin.bulkSetIssueProperties(body)).rejects.toThrow(RangeError);
    const response = await fetch(`${site.url}/rest/api/3/issue/properties/multi`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${DEMO.adminUser.email}:${DEMO.adminUser.apiToken}`).toString('base64')}`,
      },
      body: JSON.stringify({ issues: body }),
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
  });
});
