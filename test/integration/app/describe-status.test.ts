// The Alignment page's status line (describeStatus) against the embedded site: the viewer's rights — Administer
// Projects and Edit Issues, which decide whether the page offers enabling and bulk assignment — are asked of Jira
// as the viewer in one request, and not again while cached.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeStatus } from '../../../src/app/scan-job/describe-status';
import { createJiraClient, fetchTransport, type JiraClient, type JiraTransport } from '../../../src/jira';
import { DEMO, startSite, type DemoUser, type RunningSite } from '../../../sandbox/site';
import { MemoryStore } from '../../support/memory-store';
import { RecordingQueue, adminJira } from '../../support/scan-job-stand-ins';

let site: RunningSite;

beforeAll(async () => {
  site = await startSite({ dataDir: null });
});

afterAll(async () => {
  await site.close();
});

/** A JiraClient as `user` that counts the permission requests it makes. */
function asUser(user: DemoUser): { jira: JiraClient; permissionRequests: () => number } {
  let count = 0;
  const inner = fetchTransport({ siteUrl: site.url, email: user.email, apiToken: user.apiToken });
  const transport: JiraTransport = (request) => {
    if (request.route.value.includes('permission')) count += 1;
    return inner(request);
  };
  const jira = createJiraClient(transport);
  return { jira, permissionRequests: () => count };
}

async function statusFor(user: DemoUser) {
  const viewer = asUser(user);
  const store = new MemoryStore();
  const ports = {
    jira: adminJira(site),
    userJira: viewer.jira,
    store,
    clock: { now: () => new Date() },
    queue: new RecordingQueue(),
    newId: () => 'status-test-id',
  };
  const project = { id: DEMO.projectId, key: DEMO.projectKey };
  const first = await describeStatus(ports, project, user.accountId);
  const cold = viewer.permissionRequests();
  const second = await describeStatus(ports, project, user.accountId);
  return { first, second, cold, warm: viewer.permissionRequests() - cold };
}

describe('describeStatus: the viewer’s rights', () => {
  it('says a project admin may edit and administer, in one permission request, none while cached', async () => {
    const { first, second, cold, warm } = await statusFor(DEMO.people.pmDirect);
    expect(first).toMatchObject({ canEdit: true });
    expect(second).toMatchObject({ canEdit: first.canEdit, canAdminister: first.canAdminister });
    expect(cold).toBeLessThanOrEqual(2); // the rights (1) and, on a first visit, the browse check of a first scan
    expect(warm).toBe(0);
  });

  it('says a viewer role may not edit (the page then offers no bulk assignment) nor administer', async () => {
    const { first, warm } = await statusFor(DEMO.people.viewer);
    expect(first).toMatchObject({ canEdit: false, canAdminister: false });
    expect(warm).toBe(0);
  });
});
