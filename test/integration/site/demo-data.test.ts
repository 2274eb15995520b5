// The demo seed and the large generated projects: deterministic, hierarchically sound, and the demo holds each
// gap of the product's rules table on the issues it documents (read here straight from the data, independently
// of the app's engine), while most issues are covered.
import { describe, expect, it } from '@jest/globals';
import { expectSaying } from '../../support/jest-helpers';
import { GAP_CODES } from '../../../src/domain/model';
import { DEMO, buildDemoSnapshot, generateLargeProject, type SiteSnapshot } from '../../../sandbox/site';
import { snapshotSchema } from '../../../sandbox/site/model';
import { client, searchAll, startTestSite } from './helpers';

type Issue = SiteSnapshot['issues'][number];
const LEVEL: Record<string, number> = {
  '10005': 2,
  '10000': 1,
  '10001': 0,
  '10002': 0,
  '10004': 0,
  '10003': -1,
};
const STORY = '10001';
const DONE = '10001';

/** What the snapshot says about people and issues, read plainly. */
function facts(snapshot: SiteSnapshot) {
  const byId = new Map(snapshot.issues.map((i) => [i.id, i]));
  const byKey = new Map(snapshot.issues.map((i) => [i.key, i]));
  const shop = snapshot.projects.find((p) => p.key === DEMO.projectKey);
  const holds = (accountId: string, roleName: string): boolean => {
    const user = snapshot.users.find((u) => u.accountId === accountId);
    const role = shop?.roles.find((r) => r.name === roleName);
    if (!user || !user.active || !role) return false;
    return role.actors.some((a) =>
      a.type === 'user' ? a.accountId === accountId : user.groups.includes(a.groupName),
    );
  };
  const slot = (issue: Issue, name: 'pm' | 'po'): string | undefined => {
    const value = issue.properties[DEMO.propertyKey];
    if (typeof value !== 'object' || value === null) return undefined;
    const entry = (value as Record<string, unknown>)[name];
    if (typeof entry !== 'object' || entry === null) return undefined;
    const accountId = (entry as Record<string, unknown>).accountId;
    return typeof accountId === 'string' ? accountId : undefined;
  };
  const valid = (issue: Issue): boolean => {
    const value = issue.properties[DEMO.propertyKey];
    if (value === undefined) return true;
    if (typeof value !== 'object' || value === null || (value as Record<string, unknown>).schema !== 1)
      return false;
    return (['pm', 'po'] as const).every((s) => {
      const entry = (value as Record<string, unknown>)[s];
      return entry === undefined || slot(issue, s) !== undefined;
    });
  };
  const level = (issue: Issue): number => LEVEL[issue.issueTypeId] ?? -9;
  const descendants = (issue: Issue): Issue[] => {
    const children = snapshot.issues.filter((i) => i.parentId === issue.id);
    return [...children, ...children.flatMap(descendants)];
  };
  return { byId, byKey, holds, slot, valid, level, descendants };
}

describe('the demo seed', () => {
  const snapshot = buildDemoSnapshot();
  const f = facts(snapshot);

  it('is deterministic and parses as a snapshot', () => {
    expect(buildDemoSnapshot()).toEqual(snapshot);
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
  });

  it('is a realistic product project: initiatives, ~10+ epics, ~80 stories, tasks, bugs, sub-tasks, open and done', () => {
    const shop = snapshot.issues.filter((i) => i.projectId === DEMO.projectId);
    const count = (typeId: string) => shop.filter((i) => i.issueTypeId === typeId).length;
    expect(count('10005')).toBeGreaterThanOrEqual(2);
    expect(count('10000')).toBeGreaterThanOrEqual(10);
    expect(count(STORY)).toBeGreaterThanOrEqual(75);
    expect(count('10002') + count('10004') + count('10003')).toBeGreaterThanOrEqual(20);
    expect(shop.some((i) => i.statusId === DONE)).toBe(true);
    expect(shop.some((i) => i.statusId !== DONE)).toBe(true);
    const months = new Set(shop.map((i) => i.created.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    // Keys follow creation order.
    const ordered = [...shop].sort((a, b) => Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]));
    expect(ordered.map((i) => i.created)).toEqual([...ordered.map((i) => i.created)].sort());
  });

  it('keeps Jira’s hierarchy: each parent one level up, sub-tasks under standard issues of their project', () => {
    for (const issue of snapshot.issues) {
      if (issue.parentId === null) continue;
      const parent = f.byId.get(issue.parentId);
      expectSaying(parent, issue.key).toBeDefined();
      if (!parent) continue;
      if (f.level(issue) === -1) {
        expectSaying(f.level(parent), issue.key).toBe(0);
        expect(parent.projectId).toBe(issue.projectId);
      } else expectSaying(f.level(parent), issue.key).toBe(f.level(issue) + 1);
    }
  });

  it('has MOB stories under SHOP epics', () => {
    const crossing = snapshot.issues.filter(
      (i) =>
        i.projectId === DEMO.otherProjectId &&
        i.parentId !== null &&
        f.byId.get(i.parentId)?.projectId === DEMO.projectId,
    );
    expect(crossing.length).toBeGreaterThanOrEqual(3);
  });

  it('places each gap code on the issues it documents', () => {
    expect(Object.keys(DEMO.gapExamples).sort()).toEqual([...GAP_CODES].sort());
    const open = (key: string): Issue => {
      const issue = f.byKey.get(key);
      expectSaying(issue, key).toBeDefined();
      expect(issue?.projectId).toBe(DEMO.projectId);
      expectSaying(issue?.statusId, `${key} must be open`).not.toBe(DONE);
      return issue as Issue;
    };
    const strategy = (i: Issue) => f.level(i) >= 1;
    const story = (i: Issue) => i.issueTypeId === STORY;
    const checks: Record<(typeof GAP_CODES)[number], (i: Issue) => boolean> = {
      OWNERSHIP_INVALID: (i) => i.properties[DEMO.propertyKey] !== undefined && !f.valid(i),
      EPIC_WITHOUT_PM: (i) => strategy(i) && f.valid(i) && f.slot(i, 'pm') === undefined,
      PM_NOT_ELIGIBLE: (i) => strategy(i) && !f.holds(f.slot(i, 'pm') ?? '', DEMO.roleNames.pm),
      STORY_WITHOUT_PO: (i) => story(i) && f.valid(i) && f.slot(i, 'po') === undefined,
      PO_NOT_ELIGIBLE: (i) =>
        story(i) && f.slot(i, 'po') !== undefined && !f.holds(f.slot(i, 'po') ?? '', DEMO.roleNames.po),
      ROLE_MISPLACED: (i) =>
        (strategy(i) && f.slot(i, 'po') !== undefined) || (story(i) && f.slot(i, 'pm') !== undefined),
      SAME_PERSON_PM_AND_PO: (i) => {
        const parent = i.parentId === null ? undefined : f.byId.get(i.parentId);
        return (
          story(i) &&
          parent !== undefined &&
          f.slot(i, 'po') !== undefined &&
          f.slot(i, 'po') === f.slot(parent, 'pm')
        );
      },
      STORY_WITHOUT_EPIC: (i) => story(i) && i.parentId === null,
      EPIC_WITHOUT_STORIES: (i) => strategy(i) && !f.descendants(i).some(story),
    };
    for (const code of GAP_CODES) {
      expectSaying(DEMO.gapExamples[code].length, code).toBeGreaterThan(0);
      for (const key of DEMO.gapExamples[code])
        expectSaying(checks[code](open(key)), `${code} on ${key}`).toBe(true);
    }
    // The traps: an epic whose stories all live in MOB, and a Done epic.
    const elsewhere = f.byKey.get(DEMO.issues.epicWithStoriesElsewhere);
    expect(elsewhere && f.descendants(elsewhere).every((d) => d.projectId === DEMO.otherProjectId)).toBe(
      true,
    );
    expect(f.byKey.get(DEMO.issues.doneEpic)?.statusId).toBe(DONE);
  });

  it('covers most open epics and stories (70–90%)', () => {
    const open = snapshot.issues.filter((i) => i.projectId === DEMO.projectId && i.statusId !== DONE);
    const covered = (i: Issue, slotName: 'pm' | 'po', role: string) =>
      f.valid(i) && f.holds(f.slot(i, slotName) ?? '', role);
    const strategy = open.filter((i) => f.level(i) >= 1);
    const stories = open.filter((i) => i.issueTypeId === STORY);
    const ratio =
      (strategy.filter((i) => covered(i, 'pm', DEMO.roleNames.pm)).length +
        stories.filter((i) => covered(i, 'po', DEMO.roleNames.po)).length) /
      (strategy.length + stories.length);
    expect(ratio).toBeGreaterThanOrEqual(0.7);
    expect(ratio).toBeLessThanOrEqual(0.9);
  });

  it('gives every person what their hint says', () => {
    const user = (accountId: string) => snapshot.users.find((u) => u.accountId === accountId);
    expect(user(DEMO.people.pmDeactivated.accountId)?.active).toBe(false);
    expect(f.holds(DEMO.people.pmDirect.accountId, DEMO.roleNames.pm)).toBe(true);
    expect(f.holds(DEMO.people.pmViaGroup.accountId, DEMO.roleNames.pm)).toBe(true);
    expect(
      f.holds(DEMO.people.pmAndPo.accountId, DEMO.roleNames.pm) &&
        f.holds(DEMO.people.pmAndPo.accountId, DEMO.roleNames.po),
    ).toBe(true);
    expect(f.holds(DEMO.people.poViaGroup.accountId, DEMO.roleNames.po)).toBe(true);
    expect(f.holds(DEMO.people.developer.accountId, DEMO.roleNames.pm)).toBe(false);
    expect(user(DEMO.unknownAccountId)).toBeUndefined();
  });
});

describe('generateLargeProject', () => {
  it('is deterministic, has exactly the issues asked for, and keeps the hierarchy', () => {
    const a = generateLargeProject(2000);
    expect(generateLargeProject(2000)).toEqual(a);
    const f = facts(a);
    const shop = a.issues.filter((i) => i.projectId === DEMO.projectId);
    expect(shop).toHaveLength(2000);
    expect(a.issues.filter((i) => i.projectId === DEMO.otherProjectId)).toHaveLength(20);
    expect(new Set(shop.map((i) => i.key))).toEqual(
      new Set(Array.from({ length: 2000 }, (_, n) => `SHOP-${n + 1}`)),
    );
    for (const issue of a.issues) {
      const parent = issue.parentId === null ? undefined : f.byId.get(issue.parentId);
      if (issue.parentId !== null) expectSaying(parent, issue.key).toBeDefined();
      if (parent)
        expectSaying(f.level(parent), issue.key).toBe(f.level(issue) === -1 ? 0 : f.level(issue) + 1);
    }
    const withOwner = shop.filter((i) => i.properties[DEMO.propertyKey] !== undefined).length;
    expect(withOwner / shop.length).toBeGreaterThan(0.5);
  });

  it('serves a full paged scan of a 20,000-issue project, every issue exactly once', async () => {
    const site = await startTestSite({ seed: { issues: 20_000 } });
    // At a realistic Jira latency (100 ms a request): paging must still finish well inside the time allowed.
    site.faults.set({ latencyMs: 100 });
    try {
      const started = performance.now();
      const pages = await searchAll(client(site, 'app'), {
        jql: 'project = SHOP ORDER BY key ASC',
        fields: ['summary', 'issuetype', 'status', 'created', 'parent', 'project'],
        properties: [DEMO.propertyKey],
        maxResults: 100,
      });
      const ids = pages.flatMap((p) => p.issues.map((i) => i.id));
      expect(pages).toHaveLength(200);
      expect(new Set(ids).size).toBe(20_000);
      console.info(
        `20,000-issue scan: ${pages.length} pages in ${Math.round(performance.now() - started)} ms`,
      );
    } finally {
      await site.close();
    }
  }, 120_000);
});
