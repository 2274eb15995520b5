// A per-issue edit restriction, as Jira Cloud makes one: the demo workflow's "Approved" status carries the
// workflow property `jira.permission.edit.denied`, so Edit Issues is taken away on every issue in it, from
// everyone (people, Jira administrators, the app), while the project's permission scheme still grants it. The
// permission answers (`mypermissions?issueId=`, `permissions/check`) and the writes that need Edit Issues
// (property PUT / DELETE, the bulk property task, the issue edit) all follow the issue's status.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { STATUS_IDS } from '../../../sandbox/site/catalog';
import { permissionsDeniedByStatus } from '../../../sandbox/site/permissions';
import { client, errorBody, read, searchKeys, startTestSite, type Client, type Identity } from './helpers';

const locked = DEMO.editDeniedStoryKey;
const open = DEMO.issues.coveredStory;
const chen = DEMO.people.pmAndPo;
const sam = DEMO.people.poDirect;
const everyone: Array<[string, Identity]> = [
  ['a Jira admin', DEMO.adminUser],
  ['the story’s PO', chen],
  ['another PO', sam],
  ['the app', 'app'],
];

const permissionsReply = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});
const grants = z.object({
  projectPermissions: z.array(
    z.object({ permission: z.string(), issues: z.array(z.number()), projects: z.array(z.number()) }),
  ),
});
const taskSchema = z.object({
  status: z.string(),
  result: z
    .object({
      successfulIssues: z.array(z.number()),
      failedIssues: z.array(z.object({ issueID: z.number(), errors: z.array(z.string()) })),
    })
    .optional(),
});
const ownership = (accountId: string) => ({
  schema: 1,
  po: { accountId, setBy: DEMO.adminUser.accountId, setAt: '2026-11-30T10:00:00Z' },
});

let site: RunningSite;
beforeAll(async () => {
  site = await startTestSite({ taskDelayMs: 5 });
});
afterAll(async () => site.close());

const idOf = (key: string): string => site.state.getIssue(key)?.id ?? '';

async function myPermissions(as: Identity, context: string): Promise<Record<string, boolean>> {
  const reply = await client(site, as).get(
    `/rest/api/3/mypermissions?permissions=EDIT_ISSUES,BROWSE_PROJECTS,TRANSITION_ISSUES&${context}`,
  );
  expect(reply.status).toBe(200);
  return Object.fromEntries(
    Object.entries(read(permissionsReply, reply).permissions).map(([k, v]) => [k, v.havePermission]),
  );
}

async function untilDone(as: Client, location: string): Promise<z.output<typeof taskSchema>> {
  const path = new URL(location).pathname;
  for (let i = 0; i < 200; i++) {
    const task = read(taskSchema, await as.get(path));
    if (task.status === 'COMPLETE' || task.status === 'FAILED') return task;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('task never finished');
}

describe('a status that denies Edit Issues (jira.permission.edit.denied)', () => {
  it('holds a SHOP story in Approved: an open status (In Progress category) that denies Edit Issues only', async () => {
    const reply = await client(site).get(`/rest/api/3/issue/${locked}?fields=status,issuetype,project`);
    expect(reply.status).toBe(200);
    const fields = read(
      z.object({
        fields: z.object({
          status: z.object({
            id: z.string(),
            name: z.string(),
            statusCategory: z.object({ key: z.string() }),
          }),
          issuetype: z.object({ name: z.string() }),
          project: z.object({ key: z.string() }),
        }),
      }),
      reply,
    ).fields;
    expect(fields.status).toMatchObject({
      id: DEMO.editDeniedStatus.id,
      name: DEMO.editDeniedStatus.name,
      statusCategory: { key: 'indeterminate' },
    });
    expect([fields.issuetype.name, fields.project.key]).toEqual(['Story', DEMO.projectKey]);
    expect(site.state.status(DEMO.editDeniedStatus.id).properties).toEqual({
      'jira.permission.edit.denied': '',
    });
    expect([...permissionsDeniedByStatus(STATUS_IDS.approved)]).toEqual(['EDIT_ISSUES']);
    for (const other of [STATUS_IDS.toDo, STATUS_IDS.inProgress, STATUS_IDS.inReview, STATUS_IDS.done])
      expect(permissionsDeniedByStatus(other).size).toBe(0);
    // It is the demo's only Approved issue, and JQL finds it by the status's name.
    expect(await searchKeys(client(site), 'status = Approved')).toEqual([locked]);
  });

  it.each(everyone)(
    'mypermissions: %s may not edit it, though the project grants Edit Issues',
    async (_, as) => {
      const onIssue = await myPermissions(as, `issueKey=${locked}`);
      expect(onIssue).toEqual({ EDIT_ISSUES: false, BROWSE_PROJECTS: true, TRANSITION_ISSUES: true });
      expect((await myPermissions(as, `issueId=${idOf(locked)}`)).EDIT_ISSUES).toBe(false);
      expect((await myPermissions(as, `projectKey=${DEMO.projectKey}`)).EDIT_ISSUES).toBe(true);
      expect((await myPermissions(as, `issueKey=${open}`)).EDIT_ISSUES).toBe(true);
    },
  );

  it('permissions/check leaves the issue out of Edit Issues, for the caller and for another account', async () => {
    const shopId = Number(DEMO.projectId);
    const ids = [Number(idOf(locked)), Number(idOf(open))];
    const request = (accountId?: string) => ({
      ...(accountId === undefined ? {} : { accountId }),
      projectPermissions: [
        { permissions: ['EDIT_ISSUES', 'BROWSE_PROJECTS'], projects: [shopId], issues: ids },
      ],
    });
    const expected = [
      { permission: 'EDIT_ISSUES', issues: [ids[1]], projects: [shopId] },
      { permission: 'BROWSE_PROJECTS', issues: ids, projects: [shopId] },
    ];
    for (const [as, body] of [
      [chen, request()],
      [DEMO.adminUser, request()],
      ['app', request(sam.accountId)],
      [DEMO.adminUser, request(chen.accountId)],
    ] as const) {
      const reply = await client(site, as).post('/rest/api/3/permissions/check', body);
      expect(reply.status).toBe(200);
      expect(read(grants, reply).projectPermissions).toEqual(expected);
    }
  });

  it.each(everyone)(
    'property writes by %s are refused (PUT 403, DELETE 404); reads still work',
    async (who, as) => {
      const api = client(site, as);
      const path = `/rest/api/3/issue/${locked}/properties/${DEMO.propertyKey}`;
      const before = site.state.getIssue(locked)?.properties.get(DEMO.propertyKey);
      expect(before).toMatchObject({ po: { accountId: chen.accountId } });

      const put = await api.put(path, ownership(sam.accountId));
      expect(put.status).toBe(403);
      expect(read(errorBody, put).errorMessages).toEqual([
        'You do not have permission to edit issues in this project.',
      ]);
      expect((await api.put(`/rest/api/3/issue/${locked}/properties/sandbox.new`, { n: 1 })).status).toBe(
        403,
      );
      expect((await api.del(path)).status).toBe(404);
      const read1 = await api.get(path);
      expect(read1.status).toBe(200);
      expect(read1.body).toEqual({ key: DEMO.propertyKey, value: before });
      expect(site.state.getIssue(locked)?.properties.has('sandbox.new')).toBe(false);
      // The same person may write on an issue of the same project in another status.
      expect([200, 201]).toContain(
        (await api.put(`/rest/api/3/issue/${open}/properties/sandbox.edit-denied`, { by: who })).status,
      );
    },
  );

  it('refuses an edit of the issue’s fields, even by a Jira admin', async () => {
    const summary = site.state.getIssue(locked)?.summary;
    const reply = await client(site).put(`/rest/api/3/issue/${locked}`, { fields: { summary: 'Renamed' } });
    expect(reply.status).toBe(400);
    expect(read(errorBody, reply).errorMessages).toEqual([
      'You do not have permission to edit issues in this project.',
    ]);
    expect(site.state.getIssue(locked)?.summary).toBe(summary);
  });

  it('in the bulk property task, the issue fails inside the task and the others are written', async () => {
    for (const as of [DEMO.adminUser, 'app'] as const) {
      const api = client(site, as);
      const reply = await api.post('/rest/api/3/issue/properties/multi', {
        issues: [
          { issueID: Number(idOf(locked)), properties: { [DEMO.propertyKey]: ownership(sam.accountId) } },
          { issueID: Number(idOf(open)), properties: { 'sandbox.bulk-edit-denied': { n: 1 } } },
        ],
      });
      expect(reply.status).toBe(303);
      const task = await untilDone(api, reply.headers.get('location') ?? '');
      expect(task.status).toBe('COMPLETE');
      expect(task.result).toEqual({
        successfulIssues: [Number(idOf(open))],
        failedIssues: [
          {
            issueID: Number(idOf(locked)),
            errors: ['You do not have permission to edit issues in this project.'],
          },
        ],
      });
      expect(site.state.getIssue(locked)?.properties.get(DEMO.propertyKey)).toMatchObject({
        po: { accountId: chen.accountId },
      });
      expect(site.state.getIssue(open)?.properties.get('sandbox.bulk-edit-denied')).toEqual({ n: 1 });
    }
  });
});

describe('the restriction follows the issue’s status', () => {
  let own: RunningSite;
  beforeAll(async () => {
    own = await startTestSite();
  });
  afterAll(async () => own.close());

  const transitionsReply = z.object({
    transitions: z.array(z.object({ id: z.string(), to: z.object({ id: z.string(), name: z.string() }) })),
  });

  it('moved out of Approved the story is editable; moved back, locked again', async () => {
    const api = client(own, chen);
    const path = `/rest/api/3/issue/${locked}/properties/${DEMO.propertyKey}`;
    const edit = async () =>
      read(
        permissionsReply,
        await api.get(`/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueKey=${locked}`),
      ).permissions.EDIT_ISSUES?.havePermission;
    // Approved denies Edit Issues, not Transition Issues: the workflow still offers every other status.
    const offered = read(transitionsReply, await api.get(`/rest/api/3/issue/${locked}/transitions`));
    expect(offered.transitions.map((t) => t.to.name).sort()).toEqual([
      'Done',
      'In Progress',
      'In Review',
      'To Do',
    ]);
    const toReview = offered.transitions.find((t) => t.to.id === STATUS_IDS.inReview);
    expect(
      (await api.post(`/rest/api/3/issue/${locked}/transitions`, { transition: { id: toReview?.id } }))
        .status,
    ).toBe(204);
    expect(await edit()).toBe(true);
    expect((await api.put(path, ownership(chen.accountId))).status).toBe(200);

    const back = read(transitionsReply, await api.get(`/rest/api/3/issue/${locked}/transitions`));
    const approve = back.transitions.find((t) => t.to.id === DEMO.editDeniedStatus.id);
    expect(approve?.to.name).toBe('Approved');
    expect(
      (await api.post(`/rest/api/3/issue/${locked}/transitions`, { transition: { id: approve?.id } })).status,
    ).toBe(204);
    expect(await edit()).toBe(false);
    expect((await api.put(path, ownership(sam.accountId))).status).toBe(403);
  });
});
