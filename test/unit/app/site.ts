// The site most use-case tests start from: project ALPHA with the default role names, people who hold the
// roles directly or through a group actor, and people who do not. A test adds the issues it is about.
import type { ScanPorts } from '../../../src/app/ports';
import { TEST_NOW, aGroupActor, aUserActor } from '../../support/builders';
import { FakeJira, type FakeJiraClient } from '../../support/fake-jira';

export const PEOPLE = {
  /** Product Manager role, as a user actor. */
  pm: 'pm-ann',
  /** Product Manager role, through the group actor `product-managers`. */
  pmByGroup: 'pm-gus',
  /** Product Owner role, as a user actor. */
  po: 'po-bob',
  /** Product Owner role, through the group actor `product-owners` (matched by group id). */
  poByGroup: 'po-gia',
  /** In the Product Manager role, but deactivated. */
  pmInactive: 'pm-gone',
  /** Holds no role. */
  outsider: 'dev-dan',
} as const;

export const PM_GROUP = 'product-managers';
export const PO_GROUP = 'product-owners';

export function aSite(options: { pageSize?: number } = {}): FakeJira {
  return new FakeJira(options)
    .addProject({
      key: 'ALPHA',
      id: '10000',
      name: 'Alpha',
      roles: [
        {
          name: 'Product Manager',
          actors: [aUserActor(PEOPLE.pm), aUserActor(PEOPLE.pmInactive), aGroupActor(PM_GROUP)],
        },
        { name: 'Product Owner', actors: [aUserActor(PEOPLE.po), aGroupActor(PO_GROUP)] },
        { name: 'Developers', actors: [aUserActor(PEOPLE.outsider)] },
      ],
    })
    .addUsers(
      { accountId: PEOPLE.pm },
      { accountId: PEOPLE.pmByGroup, groups: [{ name: PM_GROUP, groupId: `gid-${PM_GROUP}` }] },
      { accountId: PEOPLE.po },
      { accountId: PEOPLE.poByGroup, groups: [{ name: 'Product-Owners', groupId: `gid-${PO_GROUP}` }] },
      { accountId: PEOPLE.pmInactive, active: false },
      { accountId: PEOPLE.outsider, groups: [{ name: 'developers', groupId: 'gid-developers' }] },
    );
}

export function portsOf(jira: FakeJiraClient, extra: Partial<ScanPorts> = {}): ScanPorts {
  return { jira, clock: { now: () => TEST_NOW }, ...extra };
}
