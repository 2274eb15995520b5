// The picker's use case over the in-memory fake Jira: direct actors first, then people found by Jira's
// people search who hold the role through a group, checked with `user/groups` for at most ten per query.
import { describe, expect, it } from '@jest/globals';
import type { OwnershipPorts } from '../../../src/app/ports';
import { MAX_GROUP_CANDIDATES, searchPeople } from '../../../src/app/search-people';
import { TEST_NOW, aPolicy, aStory } from '../../support/builders';
import { MemoryStore } from '../../support/memory-store';
import { PEOPLE, PO_GROUP, aSite } from './site';

const VIEWER = PEOPLE.pm;
const issue = { id: 'ALPHA-2', key: 'ALPHA-2', projectId: '10000' };

function setUp(extraGroupMembers: number) {
  const site = aSite().addIssues(aStory('ALPHA-2'));
  for (let i = 0; i < extraGroupMembers; i += 1) {
    site.addUsers({
      accountId: `po-many-${i}`,
      displayName: `Groupie ${String(i).padStart(2, '0')}`,
      groups: [{ name: PO_GROUP, groupId: `gid-${PO_GROUP}` }],
    });
  }
  const app = site.app;
  const user = site.asUser(VIEWER);
  const ports: OwnershipPorts = {
    jira: app,
    userJira: user,
    clock: { now: () => TEST_NOW },
    store: new MemoryStore(),
  };
  return { ports, app, user };
}

describe('searchPeople', () => {
  it('lists direct actors for an empty query, without searching', async () => {
    const { ports, user } = setUp(0);
    const result = await searchPeople(ports, { issue, policy: aPolicy(), query: '' });
    expect(result).toMatchObject({
      slot: 'po',
      people: [{ accountId: PEOPLE.po, via: 'direct' }],
      truncated: false,
    });
    expect(user.calls.snapshot().searchUsers ?? 0).toBe(0);
  });

  it('checks at most ten searched people per query and says when there were more', async () => {
    const { ports, app } = setUp(MAX_GROUP_CANDIDATES + 5);
    const result = await searchPeople(ports, { issue, policy: aPolicy(), query: 'Groupie' });
    expect(result.people).toHaveLength(MAX_GROUP_CANDIDATES);
    expect(result.people.every((p) => p.via === 'group')).toBe(true);
    expect(result.truncated).toBe(true);
    expect(app.calls.snapshot().getUserGroups).toBe(MAX_GROUP_CANDIDATES);
  });

  it('names a searched person outside the role as not offered, with the reason', async () => {
    const { ports } = setUp(0);
    const result = await searchPeople(ports, { issue, policy: aPolicy(), query: 'Name of dev' });
    expect(result).toMatchObject({
      people: [],
      notOffered: [{ accountId: PEOPLE.outsider, reason: 'not-in-role' }],
    });
  });
});
