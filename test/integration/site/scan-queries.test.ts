// The searches and reads Role Split's project scan sends (issue 10), as the app: id-only pages of up to 5,000,
// the JQL forms the scan and the incremental rescan use, and the `security` and `updated` fields through both
// search and bulk fetch. Each expectation is computed from the site's own data, independently of the JQL engine.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite, type SiteIssue } from '../../../sandbox/site';
import { client, read, searchAll, searchPage, startTestSite, type Client } from './helpers';

let site: RunningSite;
let app: Client;

beforeAll(async () => {
  site = await startTestSite();
  app = client(site, 'app');
});
afterAll(() => site.close());

const all = (): SiteIssue[] => [...site.state.issues.values()];
const inShop = (i: SiteIssue) => i.projectId === DEMO.projectId;
const category = (i: SiteIssue) => site.state.status(i.statusId).categoryKey;
const level = (i: SiteIssue) => site.state.issueType(i.issueTypeId).hierarchyLevel;
/** What the app may see: its account is in "Product leadership" but not in "Security team". */
const appSees = (i: SiteIssue) => i.securityLevelId !== DEMO.security.levels.securityTeam;

async function ids(jql: string): Promise<string[]> {
  const pages = await searchAll(app, { jql, fields: ['id'], maxResults: 5000 });
  return pages.flatMap((p) => p.issues.map((i) => i.id));
}

const sortedIds = (issues: SiteIssue[]) => issues.map((i) => i.id).sort((a, b) => Number(a) - Number(b));

/** `yyyy/MM/dd HH:mm` in UTC, the app account's time zone. */
function jqlMinute(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

describe('the JQL of a scan', () => {
  it('project = X AND issuetype not in subTaskIssueTypes() AND statusCategory != Done ORDER BY id ASC', async () => {
    const found = await ids(
      `project = ${DEMO.projectKey} AND issuetype not in subTaskIssueTypes() AND statusCategory != Done ORDER BY id ASC`,
    );
    const expected = all().filter(
      (i) => inShop(i) && appSees(i) && level(i) !== -1 && category(i) !== 'done',
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(found).toEqual(sortedIds(expected));
  });

  it('parent in (A, B) finds the children of both, in any project', async () => {
    const parents = [DEMO.issues.coveredEpic, DEMO.issues.epicWithStoriesElsewhere];
    const parentIds = parents.map((k) => site.state.getIssue(k)?.id);
    const expected = all().filter((i) => parentIds.includes(i.parentId ?? '') && appSees(i));
    expect(new Set(expected.map((i) => i.projectId)).size).toBe(2);
    expect((await ids(`parent in (${parents.join(', ')}) ORDER BY id ASC`)).sort()).toEqual(
      expected.map((i) => i.id).sort(),
    );
  });

  it('level IS NOT EMPTY finds the secured issues the app may see', async () => {
    const expected = all().filter((i) => i.securityLevelId !== null && appSees(i));
    expect(expected.length).toBeGreaterThan(0);
    expect((await ids(`project = ${DEMO.projectKey} AND level IS NOT EMPTY`)).sort()).toEqual(
      expected.map((i) => i.id).sort(),
    );
    expect(await ids(`project = ${DEMO.projectKey} AND level IS EMPTY`)).toHaveLength(
      all().filter((i) => inShop(i) && i.securityLevelId === null).length,
    );
  });

  it('updated >= "yyyy/MM/dd HH:mm" and updated >= -5m find what changed since', async () => {
    const shop = all().filter((i) => inShop(i) && appSees(i));
    const times = shop.map((i) => i.updated).sort((a, b) => a - b);
    const bound = Math.floor((times[Math.floor(times.length / 2)] ?? 0) / 60_000) * 60_000;
    expect((await ids(`project = ${DEMO.projectKey} AND updated >= "${jqlMinute(bound)}"`)).sort()).toEqual(
      shop
        .filter((i) => i.updated >= bound)
        .map((i) => i.id)
        .sort(),
    );
    // Seeded issues all changed long ago; one changed now is the only one of the last five minutes.
    expect(await ids(`project = ${DEMO.projectKey} AND updated >= -5m`)).toEqual([]);
    const story = site.state.getIssue(DEMO.issues.coveredStory);
    if (!story) throw new Error('missing story');
    site.state.updateIssue(story, { summary: `${story.summary} (edited)` }, DEMO.adminUser.accountId);
    expect(await ids(`project = ${DEMO.projectKey} AND updated >= -5m`)).toEqual([story.id]);
  });
});

describe('fields the scan reads', () => {
  const issueWithFields = z.object({
    id: z.string(),
    fields: z.object({ updated: z.string(), security: z.unknown().optional() }),
  });

  function expectSecurity(issue: z.infer<typeof issueWithFields>): void {
    const stored = site.state.issues.get(issue.id);
    const secured = stored?.securityLevelId ?? null;
    if (secured === null) {
      // Jira gives an unsecured issue's requested security as null (never a level).
      expect([issue.id, issue.fields.security ?? null]).toEqual([issue.id, null]);
    } else {
      const levelOf = site.state.securityLevel(secured);
      expect(issue.fields.security).toMatchObject({
        id: secured,
        name: levelOf?.name,
        description: levelOf?.description,
      });
    }
    expect(Date.parse(issue.fields.updated)).toBe(stored?.updated);
  }

  it('search/jql returns security (when set) and updated when asked for', async () => {
    const pages = await searchAll(app, {
      jql: `project = ${DEMO.projectKey} ORDER BY id ASC`,
      fields: ['security', 'updated'],
      maxResults: 100,
    });
    const issues = pages.flatMap((p) => p.issues).map((i) => issueWithFields.parse(i));
    expect(issues.some((i) => i.fields.security)).toBe(true);
    issues.forEach(expectSecurity);
  });

  it('bulkfetch returns them too, and leaves out what the app may not see', async () => {
    const wanted = [
      DEMO.security.securedEpic,
      DEMO.security.storyUnderSecuredEpic,
      DEMO.security.securedTask,
      DEMO.issues.coveredStory,
    ];
    const reply = await app.post('/rest/api/3/issue/bulkfetch', {
      issueIdsOrKeys: wanted,
      fields: ['security', 'updated'],
    });
    expect(reply.status).toBe(200);
    const body = z
      .object({ issues: z.array(z.unknown()), issueErrors: z.array(z.unknown()).optional() })
      .parse(reply.body);
    const issues = body.issues.map((i) => issueWithFields.parse(i));
    expect(issues.map((i) => site.state.issues.get(i.id)?.key).sort()).toEqual(
      wanted.filter((k) => k !== DEMO.security.securedTask).sort(),
    );
    issues.forEach(expectSecurity);
  });

  it('answers a project of under 5,000 issues in one id-only page, in id order', async () => {
    const page = read(
      searchPage,
      await app.post('/rest/api/3/search/jql', {
        jql: `project = ${DEMO.projectKey} ORDER BY id ASC`,
        fields: ['id'],
        maxResults: 5000,
      }),
    );
    const expected = all().filter((i) => inShop(i) && appSees(i));
    expect(expected.length).toBeLessThan(5000);
    expect(page.isLast).toBe(true);
    expect(page.issues.map((i) => i.id)).toEqual(sortedIds(expected));
  });
});
