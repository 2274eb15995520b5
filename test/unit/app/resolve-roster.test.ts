// Who holds the PM and PO roles, read from the project's role sources through the fake Jira: user and group
// actors, configured groups and people, a `--roster` override, and every way a source can fail to be read.
// Whatever goes wrong, owners are never called ineligible because the roster could not be looked at.
import { describe, expect, it } from '@jest/globals';
import { resolveRoster } from '../../../src/app/resolve-roster';
import { JiraError } from '../../../src/jira/errors';
import { aPolicy } from '../../support/builders';
import { PEOPLE, PM_GROUP, PO_GROUP, aSite } from './site';

const everyone = Object.values(PEOPLE);

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

describe('resolveRoster', () => {
  it('puts user actors and members of group actors in their role, and nobody else', async () => {
    const site = aSite();
    const roster = await resolveRoster(site.app, 'ALPHA', aPolicy(), everyone);
    if (!roster.ok) throw new Error(roster.message);
    // The inactive PM is in the role: eligibility (active, a person) is the engine's business, not the roster's.
    expect(sorted(roster.pm)).toEqual(sorted([PEOPLE.pm, PEOPLE.pmByGroup, PEOPLE.pmInactive]));
    expect(sorted(roster.po)).toEqual(sorted([PEOPLE.po, PEOPLE.poByGroup]));
  });

  it('asks for the groups only of candidates not named directly in both roles, and never lists a group', async () => {
    const site = aSite();
    await resolveRoster(site.app, 'ALPHA', aPolicy(), [PEOPLE.pm, PEOPLE.po, PEOPLE.outsider]);
    // Every one of them lacks a direct place in one of the two roles, so each is looked up once.
    expect(site.app.calls.snapshot()).toEqual({
      getProjectRole: 2,
      getProjectRoles: 1,
      getUserGroups: 3,
    });
  });

  it('looks up no groups when the roles have no group actor', async () => {
    const site = aSite().addProject({
      key: 'BETA',
      roles: [
        { name: 'Product Manager', actors: [{ type: 'user', accountId: PEOPLE.pm }] },
        { name: 'Product Owner', actors: [{ type: 'user', accountId: PEOPLE.po }] },
      ],
    });
    const roster = await resolveRoster(site.app, 'BETA', aPolicy(), [PEOPLE.pm, PEOPLE.outsider]);
    expect(roster).toEqual({ ok: true, pm: new Set([PEOPLE.pm]), po: new Set() });
    expect(site.app.calls.of('getUserGroups')).toBe(0);
  });

  it('adds configured groups (by id or by name, any case) and named people, with no project role at all', async () => {
    const site = aSite();
    const policy = aPolicy({
      roles: {
        pm: { projectRoles: [], groups: [{ name: PM_GROUP.toUpperCase() }], accountIds: [PEOPLE.outsider] },
        po: { projectRoles: [], groups: [{ groupId: `gid-${PO_GROUP}` }] },
      },
    });
    const roster = await resolveRoster(site.app, 'ALPHA', policy, everyone);
    if (!roster.ok) throw new Error(roster.message);
    expect(sorted(roster.pm)).toEqual(sorted([PEOPLE.pmByGroup, PEOPLE.outsider]));
    expect(sorted(roster.po)).toEqual([PEOPLE.poByGroup]);
    expect(site.app.calls.of('getProjectRoles')).toBe(0);
  });

  it('matches role names case-insensitively', async () => {
    const site = aSite();
    const policy = aPolicy({
      roles: { pm: { projectRoles: ['product manager'] }, po: { projectRoles: ['PRODUCT OWNER'] } },
    });
    const roster = await resolveRoster(site.app, 'ALPHA', policy, [PEOPLE.pm, PEOPLE.po]);
    expect(roster).toEqual({ ok: true, pm: new Set([PEOPLE.pm]), po: new Set([PEOPLE.po]) });
  });

  it('takes a --roster override as it is, without one request', async () => {
    const site = aSite();
    const roster = await resolveRoster(site.app, 'ALPHA', aPolicy(), everyone, {
      pm: [PEOPLE.outsider],
      po: [],
    });
    expect(roster).toEqual({ ok: true, pm: new Set([PEOPLE.outsider]), po: new Set() });
    expect(site.app.calls.total()).toBe(0);
  });

  it('treats an account Jira does not know as having no groups', async () => {
    const site = aSite();
    const roster = await resolveRoster(site.app, 'ALPHA', aPolicy(), ['ghost', PEOPLE.pmByGroup]);
    expect(roster).toEqual({ ok: true, pm: new Set([PEOPLE.pmByGroup]), po: new Set() });
  });

  describe('ROSTER_UNAVAILABLE instead of a guess', () => {
    it('when the project has no role of the configured name', async () => {
      const policy = aPolicy({ roles: { pm: { projectRoles: ['Chief Wizard'] } } });
      const roster = await resolveRoster(aSite().app, 'ALPHA', policy, everyone);
      expect(roster).toEqual({
        ok: false,
        source: 'project role "Chief Wizard" of ALPHA',
        message: expect.stringMatching(/ALPHA has no role named "Chief Wizard"/),
      });
    });

    it.each([
      ['the list of roles', 'getProjectRoles', 'forbidden', 'the project roles of ALPHA'],
      ['one role', 'getProjectRole', 'forbidden', 'project role "Product Owner" of ALPHA'],
      ['one role (401)', 'getProjectRole', 'unauthorized', 'project role "Product Manager" of ALPHA'],
      ['a candidate’s groups', 'getUserGroups', 'forbidden', `the groups of account ${PEOPLE.outsider}`],
    ] as const)('when Jira refuses %s', async (_what, method, kind, source) => {
      const site = aSite();
      if (method === 'getProjectRole') {
        // Only the role the source names is refused; the fake assigns role ids in the order roles were added.
        const refusedName = source.includes('Owner') ? 'Product Owner' : 'Product Manager';
        const roles = await site.app.getProjectRoles('ALPHA');
        const id = roles.find((r) => r.name === refusedName)?.id;
        site.refuse(method, kind, { when: ([, roleId]) => roleId === id });
      } else if (method === 'getUserGroups') {
        site.refuse(method, kind, { when: ([accountId]) => accountId === PEOPLE.outsider });
      } else {
        site.refuse(method, kind);
      }
      const roster = await resolveRoster(site.app, 'ALPHA', aPolicy(), everyone);
      expect(roster).toEqual({
        ok: false,
        source,
        message: expect.stringContaining(`Could not read ${source}`),
      });
    });

    it('when the app reads as a user who does not administer the project', async () => {
      const site = aSite();
      const roster = await resolveRoster(site.asUser(PEOPLE.po), 'ALPHA', aPolicy(), everyone);
      expect(roster).toMatchObject({ ok: false, message: expect.stringMatching(/Administer Projects/) });
    });
  });

  it.each(['server', 'rate-limited', 'network'] as const)(
    'reports Jira being unavailable (%s) as what it is, not as a roster problem',
    async (kind) => {
      const site = aSite().refuse('getProjectRole', kind);
      await expect(resolveRoster(site.app, 'ALPHA', aPolicy(), everyone)).rejects.toMatchObject({
        name: 'JiraError',
        kind,
      });
      await expect(resolveRoster(site.app, 'ALPHA', aPolicy(), everyone)).rejects.toBeInstanceOf(JiraError);
    },
  );
});
