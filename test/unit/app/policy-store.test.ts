// The policy store over the unit fake Jira: the `role-split-policy` property read whole (defaults, stored,
// every kind of damaged field), `enabled` read apart from the rest, and saves that keep what they do not know.
import { describe, expect, it } from '@jest/globals';
import type { PolicyInput } from '../../../src/contract/settings';
import { GAP_CODES } from '../../../src/domain/model';
import { defaultPolicy } from '../../../src/domain/policy';
import {
  POLICY_PROPERTY_KEY,
  cachedPolicy,
  forgetCachedPolicy,
  fromPolicyInput,
  interpretPolicy,
  readPolicy,
  savePolicy,
  toPolicyInput,
} from '../../../src/app/policy-store';
import { FakeJira } from '../../support/fake-jira';
import { MemoryStore } from '../../support/memory-store';

const ADMIN = 'acc-admin';

function site(value?: unknown): { jira: FakeJira; projectId: string } {
  const jira = new FakeJira().addProject({ key: 'SHOP', id: '10000', admins: [ADMIN] });
  jira.addUsers({ accountId: ADMIN, displayName: 'Ada Admin' });
  if (value !== undefined) {
    // Written as an admin, the way the property gets there in Jira (the fake stores it before it resolves).
    void jira.asUser(ADMIN).setProjectProperty('10000', POLICY_PROPERTY_KEY, value);
  }
  return { jira, projectId: '10000' };
}

describe('readPolicy', () => {
  it('gives the defaults, not enabled, when the project has no property', async () => {
    const { jira, projectId } = site();
    const read = await readPolicy(jira.app, projectId);
    expect(read).toEqual({
      policy: defaultPolicy(),
      enabled: false,
      source: 'default',
      problem: null,
      savedAt: null,
      raw: undefined,
    });
  });

  it('counts a property holding only `enabled` as the defaults, and reads `enabled`', async () => {
    const { jira, projectId } = site({ schema: 1, enabled: true });
    const read = await readPolicy(jira.app, projectId);
    expect(read).toMatchObject({ source: 'default', enabled: true, problem: null });
    expect(read.policy).toEqual(defaultPolicy());
  });

  it('reads a stored policy, filling missing fields with the defaults', async () => {
    const stored = {
      schema: 1,
      enabled: true,
      roles: { pm: { projectRoles: [], groups: [{ groupId: 'g-1', name: 'pm-leads' }], accountIds: [] } },
      executionTypes: ['Story', 'Bug'],
      graceDays: 5,
      rules: { SAME_PERSON_PM_AND_PO: { enabled: false, severity: 'error' } },
      savedAt: '2026-11-30T10:00:00.000Z',
    };
    const { jira, projectId } = site(stored);
    const read = await readPolicy(jira.app, projectId);
    expect(read).toMatchObject({
      source: 'stored',
      enabled: true,
      problem: null,
      savedAt: '2026-11-30T10:00:00.000Z',
    });
    expect(read.policy.roles.pm.groups).toEqual([{ groupId: 'g-1', name: 'pm-leads' }]);
    expect(read.policy.roles.po).toEqual(defaultPolicy().roles.po);
    expect(read.policy.executionTypes).toEqual(['Story', 'Bug']);
    expect(read.policy.includeDone).toBe(false);
    expect(read.policy.graceDays).toBe(5);
    expect(read.policy.rules.SAME_PERSON_PM_AND_PO).toEqual({ enabled: false, severity: 'error' });
    expect(read.policy.rules.EPIC_WITHOUT_PM).toEqual(defaultPolicy().rules.EPIC_WITHOUT_PM);
    expect(read.raw).toEqual(stored);
  });

  it('ignores rule codes it does not know (a newer version may have written them)', async () => {
    const { jira, projectId } = site({
      schema: 1,
      rules: { FUTURE_RULE: { enabled: true, severity: 'error' } },
    });
    const read = await readPolicy(jira.app, projectId);
    expect(read.source).toBe('stored');
    expect(read.policy.rules).toEqual(defaultPolicy().rules);
  });

  const damaged: Array<[string, Record<string, unknown>, string]> = [
    ['roles', { roles: { pm: { projectRoles: 'Product Manager' } } }, 'roles.pm.projectRoles'],
    [
      'roles (a group with an empty id)',
      { roles: { po: { groups: [{ groupId: '' }] } } },
      'roles.po.groups.0.groupId',
    ],
    ['executionTypes (empty)', { executionTypes: [] }, 'executionTypes'],
    ['executionTypes (not names)', { executionTypes: [3] }, 'executionTypes.0'],
    ['includeDone', { includeDone: 'yes' }, 'includeDone'],
    ['graceDays (negative)', { graceDays: -1 }, 'graceDays'],
    ['graceDays (not whole)', { graceDays: 1.5 }, 'graceDays'],
    [
      'rules (bad severity)',
      { rules: { EPIC_WITHOUT_PM: { enabled: true, severity: 'fatal' } } },
      'rules.EPIC_WITHOUT_PM.severity',
    ],
    ['rules (not an object)', { rules: [] }, 'rules'],
  ];

  it.each(damaged)(
    'falls back to the defaults with one sentence naming the field when %s does not parse, and stays enabled',
    async (_label, fields, path) => {
      const { jira, projectId } = site({ schema: 1, enabled: true, ...fields });
      const read = await readPolicy(jira.app, projectId);
      expect(read.source).toBe('unreadable');
      expect(read.policy).toEqual(defaultPolicy());
      expect(read.enabled).toBe(true);
      expect(read.problem).toContain(`"${path}"`);
      expect(read.problem).toMatch(/defaults apply until a project admin saves the settings again\.$/);
      // One sentence: a single full stop, at the end.
      expect(read.problem?.replace(/\.$/, '')).not.toMatch(/\.\s/);
    },
  );

  it('says so when the value is not an object or has another schema, and reads it as disabled', () => {
    expect(interpretPolicy('on')).toMatchObject({
      source: 'unreadable',
      enabled: false,
      problem: expect.stringContaining('not a JSON object') as unknown,
    });
    expect(interpretPolicy({ schema: 2, enabled: true })).toMatchObject({
      source: 'unreadable',
      enabled: false,
      problem: expect.stringContaining('schema 2') as unknown,
    });
  });

  it('treats a project Jira does not find as having no policy', async () => {
    const { jira } = site();
    expect(await readPolicy(jira.app, '99999')).toMatchObject({ source: 'default', enabled: false });
  });

  it('lets other Jira failures through (the caller says Jira is unavailable)', async () => {
    const { jira, projectId } = site();
    jira.refuse('getProjectProperty', 'server');
    await expect(readPolicy(jira.app, projectId)).rejects.toMatchObject({ kind: 'server' });
  });
});

describe('toPolicyInput / fromPolicyInput', () => {
  it('round-trips the defaults and an edited policy', () => {
    expect(fromPolicyInput(toPolicyInput(defaultPolicy()))).toEqual(defaultPolicy());
    const input: PolicyInput = {
      roles: {
        pm: { projectRoles: [], groups: [{ groupId: 'g-1', name: 'pm-leads' }], accountIds: ['acc-1'] },
        po: { projectRoles: ['Product Owner'], groups: [{ name: 'po-by-name' }], accountIds: [] },
      },
      executionTypes: ['Story', 'Bug'],
      includeDone: true,
      graceDays: 3,
      rules: Object.fromEntries(
        GAP_CODES.map((c, i) => [c, { enabled: i % 2 === 0, severity: 'warning' as const }]),
      ) as PolicyInput['rules'],
    };
    expect(toPolicyInput(fromPolicyInput(input))).toEqual(input);
  });

  it('shows a group stored by id alone under its id', () => {
    const policy = fromPolicyInput(toPolicyInput(defaultPolicy()));
    policy.roles.pm.groups = [{ groupId: 'g-7' }];
    expect(toPolicyInput(policy).roles.pm.groups).toEqual([{ groupId: 'g-7', name: 'g-7' }]);
  });
});

describe('savePolicy', () => {
  const stamp = { savedAt: '2026-11-30T12:00:00.000Z', savedBy: ADMIN };

  it('keeps unknown fields, unknown rule codes and `enabled`, and stamps the save', async () => {
    const { jira, projectId } = site({
      schema: 1,
      enabled: true,
      notifications: { weekly: true },
      rules: { FUTURE_RULE: { enabled: false, severity: 'warning' } },
    });
    const policy = { ...defaultPolicy(), executionTypes: ['Story', 'Bug'], graceDays: 2 };
    await savePolicy(jira.asUser(ADMIN), projectId, policy, stamp);
    const stored = jira.projectProperty('SHOP', POLICY_PROPERTY_KEY) as Record<string, unknown>;
    expect(stored).toMatchObject({
      schema: 1,
      enabled: true,
      notifications: { weekly: true },
      executionTypes: ['Story', 'Bug'],
      graceDays: 2,
      savedAt: stamp.savedAt,
      savedBy: ADMIN,
    });
    expect(stored.rules).toMatchObject({ FUTURE_RULE: { enabled: false, severity: 'warning' } });
    const read = await readPolicy(jira.app, projectId);
    expect(read).toMatchObject({ source: 'stored', enabled: true, savedAt: stamp.savedAt });
    expect(read.policy).toEqual(policy);
  });

  it('keeps a project disabled, and writes `enabled: false` on a first save', async () => {
    const { jira, projectId } = site();
    await savePolicy(jira.asUser(ADMIN), projectId, defaultPolicy(), stamp);
    expect(jira.projectProperty('SHOP', POLICY_PROPERTY_KEY)).toMatchObject({ schema: 1, enabled: false });
    const again = site({ schema: 1, enabled: false, extra: 1 });
    await savePolicy(again.jira.asUser(ADMIN), again.projectId, defaultPolicy(), stamp);
    expect(again.jira.projectProperty('SHOP', POLICY_PROPERTY_KEY)).toMatchObject({
      enabled: false,
      extra: 1,
    });
  });

  it('replaces a damaged field, so the property reads as stored again', async () => {
    const { jira, projectId } = site({ schema: 1, enabled: true, graceDays: 'soon' });
    expect((await readPolicy(jira.app, projectId)).source).toBe('unreadable');
    await savePolicy(jira.asUser(ADMIN), projectId, defaultPolicy(), stamp);
    expect(await readPolicy(jira.app, projectId)).toMatchObject({ source: 'stored', enabled: true });
  });

  it("refuses a value longer than Jira's property limit before writing, saying what to change", async () => {
    const { jira, projectId } = site({ schema: 1, enabled: true, notes: 'x'.repeat(32_000) });
    const policy = { ...defaultPolicy(), executionTypes: ['Story', 'Bug'] };
    const admin = jira.asUser(ADMIN);
    await expect(savePolicy(admin, projectId, policy, stamp)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('too long to store in Jira') as unknown,
    });
    expect(admin.calls.of('setProjectProperty')).toBe(0);
    expect(admin.calls.of('getProjectProperty')).toBe(1);
    expect(jira.projectProperty('SHOP', POLICY_PROPERTY_KEY)).toMatchObject({ notes: expect.any(String) });
    expect(jira.projectProperty('SHOP', POLICY_PROPERTY_KEY)).not.toHaveProperty('executionTypes');
  });

  it('writes as the given client, so Jira refuses someone who may not edit the project', async () => {
    const { jira, projectId } = site();
    jira.addUsers({ accountId: 'acc-dev' });
    await expect(savePolicy(jira.asUser('acc-dev'), projectId, defaultPolicy(), stamp)).rejects.toMatchObject(
      { kind: 'forbidden' },
    );
    expect(jira.projectProperty('SHOP', POLICY_PROPERTY_KEY)).toBeUndefined();
  });
});

describe('cachedPolicy', () => {
  it('reads the property once a minute at most, and again at once after forgetCachedPolicy', async () => {
    const { jira, projectId } = site({ schema: 1, enabled: true, graceDays: 4 });
    const store = new MemoryStore();
    let now = Date.parse('2026-11-30T12:00:00.000Z');
    const ports = { jira: jira.app, store, clock: { now: () => new Date(now) } };

    expect((await cachedPolicy(ports, projectId)).graceDays).toBe(4);
    expect(store.values.has(`cache:policy:${projectId}`)).toBe(true);
    await savePolicy(
      jira.asUser(ADMIN),
      projectId,
      { ...defaultPolicy(), graceDays: 9 },
      {
        savedAt: 'x',
        savedBy: ADMIN,
      },
    );
    now += 30_000;
    expect((await cachedPolicy(ports, projectId)).graceDays).toBe(4);
    expect(jira.app.calls.of('getProjectProperty')).toBe(1);

    now += 31_000;
    expect((await cachedPolicy(ports, projectId)).graceDays).toBe(9);
    expect(jira.app.calls.of('getProjectProperty')).toBe(2);

    await savePolicy(
      jira.asUser(ADMIN),
      projectId,
      { ...defaultPolicy(), graceDays: 1 },
      {
        savedAt: 'y',
        savedBy: ADMIN,
      },
    );
    await forgetCachedPolicy(ports, projectId);
    expect((await cachedPolicy(ports, projectId)).graceDays).toBe(1);
  });
});
