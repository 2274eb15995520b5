// The site's workflow runs the installed app's workflow validator (manifest.yml) on every transition: an epic
// without a PM and a story without a PO are refused with the validator's message and stay where they were;
// once the owner is set, the same transition goes through. A validator the sandbox cannot evaluate fails the
// transition loudly, never silently.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { missingOwnerMessage } from '../../../src/app/workflow/validator';
import { client, errorBody, read, startTestSite } from './helpers';

const transitionsReply = z.object({
  transitions: z.array(z.object({ id: z.string(), name: z.string(), to: z.object({ name: z.string() }) })),
});
const statusReply = z.object({ fields: z.object({ status: z.object({ name: z.string() }) }) });

let site: RunningSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => site.close());

const api = () => client(site, DEMO.adminUser);
const slot = (accountId: string) => ({
  accountId,
  setBy: DEMO.adminUser.accountId,
  setAt: '2026-11-30T10:00:00Z',
});

async function statusOf(key: string): Promise<string> {
  return read(statusReply, await api().get(`/rest/api/3/issue/${key}?fields=status`)).fields.status.name;
}

/** A transition away from the issue's current status. */
async function someTransition(key: string): Promise<{ id: string; to: string }> {
  const { transitions } = read(transitionsReply, await api().get(`/rest/api/3/issue/${key}/transitions`));
  const first = transitions[0];
  if (!first) throw new Error(`no transition from ${key}`);
  return { id: first.id, to: first.to.name };
}

describe('transitions run the app workflow validator', () => {
  it('refuses an epic without a PM with the validator message, then allows it once a PM is set', async () => {
    const epic = DEMO.gapExamples.EPIC_WITHOUT_PM[0] ?? '';
    const before = await statusOf(epic);
    const move = await someTransition(epic);

    const refused = await api().post(`/rest/api/3/issue/${epic}/transitions`, {
      transition: { id: move.id },
    });
    expect(refused.status).toBe(400);
    expect(read(errorBody, refused).errorMessages).toEqual([missingOwnerMessage('pm', 'Epic')]);
    expect(await statusOf(epic)).toBe(before);

    const owner = await api().put(`/rest/api/3/issue/${epic}/properties/role-split-ownership`, {
      schema: 1,
      pm: slot(DEMO.people.pmDirect.accountId),
    });
    expect([200, 201]).toContain(owner.status);
    expect(
      (await api().post(`/rest/api/3/issue/${epic}/transitions`, { transition: { id: move.id } })).status,
    ).toBe(204);
    expect(await statusOf(epic)).toBe(move.to);
  });

  it('refuses a story without a PO, then allows it once a PO is set', async () => {
    const story = DEMO.gapExamples.STORY_WITHOUT_PO[0] ?? '';
    const move = await someTransition(story);
    const refused = await api().post(`/rest/api/3/issue/${story}/transitions`, {
      transition: { id: move.id },
    });
    expect(read(errorBody, refused).errorMessages).toEqual([missingOwnerMessage('po', 'Story')]);

    await api().put(`/rest/api/3/issue/${story}/properties/role-split-ownership`, {
      schema: 1,
      po: slot(DEMO.people.poDirect.accountId),
    });
    expect(
      (await api().post(`/rest/api/3/issue/${story}/transitions`, { transition: { id: move.id } })).status,
    ).toBe(204);
    expect(await statusOf(story)).toBe(move.to);
  });

  it('lets an epic without a PM move where Role Split is switched off', async () => {
    const epic = DEMO.gapExamples.EPIC_WITHOUT_PM[1] ?? '';
    const project = site.state.getProject(DEMO.projectKey);
    if (!project) throw new Error('no SHOP');
    const policy = project.properties.get(DEMO.policyPropertyKey);
    site.state.setProjectProperty(project, DEMO.policyPropertyKey, { schema: 1, enabled: false });
    try {
      const move = await someTransition(epic);
      expect(
        (await api().post(`/rest/api/3/issue/${epic}/transitions`, { transition: { id: move.id } })).status,
      ).toBe(204);
    } finally {
      site.state.setProjectProperty(project, DEMO.policyPropertyKey, policy);
    }
    const back = await someTransition(epic);
    expect(
      (await api().post(`/rest/api/3/issue/${epic}/transitions`, { transition: { id: back.id } })).status,
    ).toBe(400);
  });

  it('never runs on create: an epic without a PM is created', async () => {
    const created = await api().post('/rest/api/3/issue', {
      fields: { project: { key: DEMO.projectKey }, issuetype: { name: 'Epic' }, summary: 'No PM yet' },
    });
    expect(created.status).toBe(201);
  });

  it('narrows the list to one transition with transitionId', async () => {
    const key = DEMO.issues.coveredStory;
    const move = await someTransition(key);
    const one = read(
      transitionsReply,
      await api().get(`/rest/api/3/issue/${key}/transitions?transitionId=${move.id}`),
    );
    expect(one.transitions.map((t) => t.id)).toEqual([move.id]);
  });
});

describe('validators the manifest might declare', () => {
  let custom: RunningSite;
  afterEach(async () => custom.close());
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  afterAll(() => errors.mockRestore());

  async function tryMove(
    expression: string,
    errorMessage: string | null = 'Fixed message',
  ): Promise<string[]> {
    custom = await startTestSite({
      workflowValidators: [
        {
          key: 'custom',
          name: 'Custom',
          expression,
          errorMessage: errorMessage === null ? null : { text: errorMessage },
          projectTypes: ['company-managed'],
        },
      ],
    });
    const as = client(custom, DEMO.adminUser);
    const key = DEMO.issues.coveredStory;
    const { transitions } = read(transitionsReply, await as.get(`/rest/api/3/issue/${key}/transitions`));
    const reply = await as.post(`/rest/api/3/issue/${key}/transitions`, {
      transition: { id: transitions[0]?.id },
    });
    return reply.status === 204 ? [] : read(errorBody, reply).errorMessages;
  }

  it('false refuses with the errorMessage; a failed evaluation too; true allows', async () => {
    expect(await tryMove('issue.key == "nope"')).toEqual(['Fixed message']);
    expect(await tryMove('issue.properties["none"].x == 1')).toEqual(['Fixed message']);
    expect(await tryMove('issue.key != "nope"')).toEqual([]);
    expect(await tryMove('transition.to.name == "nowhere"', null)).toEqual(['Validation failed.']);
  });

  it('a construct outside the subset fails the transition loudly, naming it', async () => {
    errors.mockClear();
    const messages = await tryMove('issue.comments.length == 0');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/The sandbox cannot run workflow validator custom .*Issue\.comments/);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/Issue\.comments/));
  });
});
