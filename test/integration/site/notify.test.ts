// `POST /issue/{key}/notify` stores each message in the outbox with its recipients resolved: only active people
// who can browse the issue, narrowed by `restrict`; the others are listed as skipped with the reason.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { client, errorBody, read, startTestSite } from './helpers';

let site: RunningSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());

const outbox = z.object({
  messages: z.array(
    z.object({
      issueKey: z.string(),
      sentBy: z.string(),
      subject: z.string(),
      textBody: z.string(),
      htmlBody: z.string().nullable(),
      recipients: z.array(
        z.object({ accountId: z.string(), displayName: z.string(), email: z.string().nullable() }),
      ),
      skipped: z.array(z.object({ accountId: z.string(), reason: z.string() })),
    }),
  ),
});

async function readOutbox() {
  const reply = await fetch(`${site.url}/_sandbox/outbox`, { headers: { 'X-Sandbox-Secret': site.secret } });
  expect(reply.status).toBe(200);
  return outbox.parse(await reply.json()).messages;
}

const story = DEMO.issues.coveredStory;
const people = DEMO.people;

describe('notify', () => {
  it('delivers only to active people who can browse the issue', async () => {
    const reply = await client(site, 'app').post(`/rest/api/3/issue/${story}/notify`, {
      subject: 'Role Split: 2 gaps need you',
      textBody: 'SHOP-5 has no PO.',
      htmlBody: '<p>SHOP-5 has no PO.</p>',
      to: {
        users: [
          { accountId: people.poDirect.accountId },
          { accountId: people.viewer.accountId },
          { accountId: people.outsider.accountId },
          { accountId: people.pmDeactivated.accountId },
          { accountId: DEMO.unknownAccountId },
        ],
      },
    });
    expect(reply.status).toBe(204);
    const [message] = (await readOutbox()).slice(-1);
    expect(message).toMatchObject({
      issueKey: story,
      sentBy: DEMO.appUser.accountId,
      subject: 'Role Split: 2 gaps need you',
      htmlBody: '<p>SHOP-5 has no PO.</p>',
    });
    expect(message?.recipients.map((r) => r.accountId).sort()).toEqual(
      [people.poDirect.accountId, people.viewer.accountId].sort(),
    );
    expect(message?.recipients.find((r) => r.accountId === people.poDirect.accountId)?.email).toBe(
      people.poDirect.email,
    );
    expect(Object.fromEntries(message?.skipped.map((s) => [s.accountId, s.reason]) ?? [])).toEqual({
      [people.outsider.accountId]: 'cannot browse the issue',
      [people.pmDeactivated.accountId]: 'account deactivated',
      [DEMO.unknownAccountId]: 'unknown account',
    });
  });

  it('resolves reporter, assignee and groups, and applies restrict', async () => {
    const issue = site.state.getIssue(story);
    const reply = await client(site, 'app').post(`/rest/api/3/issue/${story}/notify`, {
      textBody: 'Restricted',
      to: {
        reporter: true,
        assignee: true,
        groups: [{ name: DEMO.groups.productManagers }],
        users: [{ accountId: people.viewer.accountId }],
      },
      restrict: { permissions: [{ key: 'EDIT_ISSUES' }] },
    });
    expect(reply.status).toBe(204);
    const [message] = (await readOutbox()).slice(-1);
    // No subject given: Jira uses the key and summary.
    expect(message?.subject).toBe(`${story}: ${issue?.summary ?? ''}`);
    const expected = [people.pmViaGroup.accountId, issue?.reporterId, issue?.assigneeId].filter(
      (id): id is string => typeof id === 'string',
    );
    expect(message?.recipients.map((r) => r.accountId).sort()).toEqual([...new Set(expected)].sort());
    expect(message?.skipped).toContainEqual({
      accountId: people.viewer.accountId,
      reason: 'lacks the EDIT_ISSUES permission',
    });
  });

  it('needs the caller to see the issue', async () => {
    const reply = await client(site, people.outsider).post(`/rest/api/3/issue/${story}/notify`, {
      textBody: 'x',
      to: { users: [] },
    });
    expect(reply.status).toBe(404);
  });

  it('answers 400 when the caller names themself, or the assignee of an unassigned issue', async () => {
    const before = (await readOutbox()).length;
    const self = await client(site, people.poDirect).post(`/rest/api/3/issue/${story}/notify`, {
      textBody: 'x',
      to: { users: [{ accountId: people.poDirect.accountId }, { accountId: people.viewer.accountId }] },
    });
    expect(self.status).toBe(400);
    expect(read(errorBody, self).errorMessages).toEqual([
      'The recipient of the notification cannot be the sender.',
    ]);

    const unassigned = [...site.state.issues.values()].find(
      (i) => i.assigneeId === null && i.projectId === DEMO.projectId,
    );
    if (!unassigned) throw new Error('the demo has no unassigned SHOP issue');
    const toAssignee = await client(site, 'app').post(`/rest/api/3/issue/${unassigned.key}/notify`, {
      textBody: 'x',
      to: { assignee: true },
    });
    expect(toAssignee.status).toBe(400);
    expect(read(errorBody, toAssignee).errorMessages[0]).toMatch(/unassigned/);
    expect((await readOutbox()).length).toBe(before);

    // A group the caller belongs to is not naming them: the message goes to the others.
    const group = await client(site, people.pmViaGroup).post(`/rest/api/3/issue/${story}/notify`, {
      textBody: 'x',
      to: {
        groups: [{ name: DEMO.groups.productManagers }],
        users: [{ accountId: people.viewer.accountId }],
      },
    });
    expect(group.status).toBe(204);
  });
});
