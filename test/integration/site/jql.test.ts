// Each JQL clause the site understands, checked against the site's own data filtered independently in the test,
// and the errors Jira gives for what it does not understand.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectSaying } from '../../support/jest-helpers';
import { DEMO, type RunningSite, type SiteIssue } from '../../../sandbox/site';
import { parsePropertyIndex } from '../../../sandbox/site/property-index';
import { client, errorBody, read, searchKeys, startTestSite, type Client } from './helpers';

let site: RunningSite;
let api: Client;

beforeAll(async () => {
  site = await startTestSite();
  api = client(site);
});
afterAll(() => site.close());

const all = (): SiteIssue[] => [...site.state.issues.values()];
const inShop = (i: SiteIssue): boolean => i.projectId === DEMO.projectId;
const typeName = (i: SiteIssue): string => site.state.issueType(i.issueTypeId).name;
const statusName = (i: SiteIssue): string => site.state.status(i.statusId).name;
const category = (i: SiteIssue): string => site.state.status(i.statusId).categoryKey;
const keyOf = (id: string | null): string | undefined =>
  id === null ? undefined : site.state.issues.get(id)?.key;
const owner = (i: SiteIssue, slot: 'pm' | 'po'): unknown => {
  const value = i.properties.get(DEMO.propertyKey);
  if (typeof value !== 'object' || value === null) return undefined;
  const entry: unknown = (value as Record<string, unknown>)[slot];
  return typeof entry === 'object' && entry !== null
    ? (entry as Record<string, unknown>).accountId
    : undefined;
};
const keys = (issues: SiteIssue[]): string[] => issues.map((i) => i.key).sort();
const sorted = (list: string[]): string[] => [...list].sort();

async function expectMatches(jql: string, expected: SiteIssue[]): Promise<void> {
  expectSaying(expected.length, `the expectation for "${jql}" must not be empty`).toBeGreaterThan(0);
  expectSaying(sorted(await searchKeys(api, jql)), jql).toEqual(keys(expected));
}

describe('JQL clauses', () => {
  it('project = / in, by key, id or name', async () => {
    await expectMatches('project = SHOP', all().filter(inShop));
    await expectMatches('project = "Storefront"', all().filter(inShop));
    await expectMatches(
      `project = ${DEMO.otherProjectId}`,
      all().filter((i) => i.projectId === DEMO.otherProjectId),
    );
    await expectMatches(
      'project in (SHOP, MOB)',
      all().filter((i) => i.projectId !== DEMO.teamProject.id),
    );
  });

  it('issuetype = / in', async () => {
    await expectMatches(
      'project = SHOP AND issuetype = Epic',
      all().filter((i) => inShop(i) && typeName(i) === 'Epic'),
    );
    await expectMatches(
      'project = SHOP AND issuetype in (Story, Bug)',
      all().filter((i) => inShop(i) && ['Story', 'Bug'].includes(typeName(i))),
    );
    await expectMatches(
      'project = SHOP AND type in subTaskIssueTypes()',
      all().filter((i) => inShop(i) && typeName(i) === 'Sub-task'),
    );
  });

  it('parent = / in, across projects', async () => {
    const epic = site.state.getIssue(DEMO.issues.coveredEpic);
    const elsewhere = site.state.getIssue(DEMO.issues.epicWithStoriesElsewhere);
    await expectMatches(
      `parent = ${DEMO.issues.coveredEpic}`,
      all().filter((i) => i.parentId === epic?.id),
    );
    await expectMatches(
      `parent in (${DEMO.issues.coveredEpic}, ${DEMO.issues.epicWithStoriesElsewhere})`,
      all().filter((i) => i.parentId === epic?.id || i.parentId === elsewhere?.id),
    );
    // The "epic with stories elsewhere" has children only in MOB.
    expect(
      (await searchKeys(api, `parent = ${DEMO.issues.epicWithStoriesElsewhere}`)).every((k) =>
        k.startsWith('MOB-'),
      ),
    ).toBe(true);
    await expectMatches(
      'project = SHOP AND parent is EMPTY',
      all().filter((i) => inShop(i) && i.parentId === null),
    );
  });

  it('status = / in, statusCategory = / != / in', async () => {
    await expectMatches(
      'project = SHOP AND status = "In Review"',
      all().filter((i) => inShop(i) && statusName(i) === 'In Review'),
    );
    await expectMatches(
      'project = SHOP AND status in ("To Do", Done)',
      all().filter((i) => inShop(i) && ['To Do', 'Done'].includes(statusName(i))),
    );
    await expectMatches(
      'project = SHOP AND statusCategory = Done',
      all().filter((i) => inShop(i) && category(i) === 'done'),
    );
    await expectMatches(
      'project = SHOP AND statusCategory != Done',
      all().filter((i) => inShop(i) && category(i) !== 'done'),
    );
    await expectMatches(
      'project = SHOP AND statusCategory in ("To Do", indeterminate)',
      all().filter((i) => inShop(i) && category(i) !== 'done'),
    );
  });

  it('updated >= / created < with dates and periods', async () => {
    const jan = Date.parse('2026-01-01T00:00:00Z');
    await expectMatches(
      'project = SHOP AND updated >= "2026-01-01"',
      all().filter((i) => inShop(i) && i.updated >= jan),
    );
    await expectMatches(
      'project = SHOP AND created < "2025/09/01 12:00"',
      // Read in the searcher's time zone: the admin is in Europe/London, on summer time then.
      all().filter((i) => inShop(i) && i.created < Date.parse('2025-09-01T12:00:00+01:00')),
    );
    // Seed data lies in the past: nothing was created in the last hour, everything before tomorrow.
    expect(await searchKeys(api, 'project = SHOP AND created > -1h')).toEqual([]);
    await expectMatches('project = SHOP AND created <= endOfDay()', all().filter(inShop));
  });

  it('key = / in', async () => {
    await expectMatches(
      `key = ${DEMO.issues.coveredStory}`,
      all().filter((i) => i.key === DEMO.issues.coveredStory),
    );
    await expectMatches(
      'key in (SHOP-1, "SHOP-2", MOB-1)',
      all().filter((i) => ['SHOP-1', 'SHOP-2', 'MOB-1'].includes(i.key)),
    );
    await expectMatches(
      'project = SHOP AND key <= SHOP-3',
      all().filter((i) => ['SHOP-1', 'SHOP-2', 'SHOP-3'].includes(i.key)),
    );
  });

  it('the ownership aliases productManager / productOwner, with EMPTY', async () => {
    const priya = DEMO.people.pmDirect.accountId;
    const sam = DEMO.people.poDirect.accountId;
    await expectMatches(
      `productManager = "${priya}"`,
      all().filter((i) => owner(i, 'pm') === priya),
    );
    await expectMatches(
      `productOwner in ("${sam}", "${DEMO.unknownAccountId}")`,
      all().filter((i) => [sam, DEMO.unknownAccountId].includes(String(owner(i, 'po')))),
    );
    await expectMatches(
      'project = SHOP AND issuetype = Epic AND productManager is EMPTY',
      all().filter((i) => inShop(i) && typeName(i) === 'Epic' && owner(i, 'pm') === undefined),
    );
    await expectMatches(
      'project = SHOP AND issuetype = Story AND productOwner is not EMPTY',
      all().filter((i) => inShop(i) && typeName(i) === 'Story' && owner(i, 'po') !== undefined),
    );
    const asPriya = client(site, DEMO.people.pmDirect);
    expect(sorted(await searchKeys(asPriya, 'productManager = currentUser()'))).toEqual(
      keys(all().filter((i) => owner(i, 'pm') === priya)),
    );
    // The generic form of the same alias.
    await expectMatches(
      `issue.property[${DEMO.propertyKey}].pm.accountId = "${priya}"`,
      all().filter((i) => owner(i, 'pm') === priya),
    );
  });

  it('only the property paths the manifest indexes: another path matches nothing, without an error', async () => {
    const priya = DEMO.people.pmDirect.accountId;
    const setByPriya = all().filter((i) => {
      const value = i.properties.get(DEMO.propertyKey) as { po?: { setBy?: string } } | undefined;
      return value?.po?.setBy === priya;
    });
    expect(setByPriya.length).toBeGreaterThan(0);
    expect(await searchKeys(api, `issue.property[${DEMO.propertyKey}].po.setBy = "${priya}"`)).toEqual([]);
    expect(
      await searchKeys(api, `project = SHOP AND issue.property[${DEMO.propertyKey}].schema = 1`),
    ).toEqual([]);
    expect(await searchKeys(api, `issue.property[another-app].anything = "x"`)).toEqual([]);
    // The indexed path, by its generic form, still works (see the aliases above).
    expect(
      (await searchKeys(api, `issue.property[${DEMO.propertyKey}].po.accountId = "${priya}"`)).length,
    ).toBe(all().filter((i) => owner(i, 'po') === priya).length);
  });

  it('AND / OR / NOT / parentheses', async () => {
    await expectMatches(
      'project = SHOP AND (issuetype = Epic OR issuetype = Initiative) AND NOT statusCategory = Done',
      all().filter(
        (i) => inShop(i) && ['Epic', 'Initiative'].includes(typeName(i)) && category(i) !== 'done',
      ),
    );
    await expectMatches(
      'project = MOB OR (project = SHOP AND issuetype = Initiative)',
      all().filter((i) => i.projectId === DEMO.otherProjectId || (inShop(i) && typeName(i) === 'Initiative')),
    );
    // NOT includes issues whose field is empty, `!=` does not.
    const withParent = await searchKeys(api, `project = SHOP AND parent != ${DEMO.issues.coveredEpic}`);
    const notParent = await searchKeys(api, `project = SHOP AND NOT parent = ${DEMO.issues.coveredEpic}`);
    expect(notParent.length).toBeGreaterThan(withParent.length);
  });

  it('ORDER BY key / created / updated, ASC and DESC', async () => {
    const shop = all().filter(inShop);
    const byNumber = [...shop]
      .sort((a, b) => Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]))
      .map((i) => i.key);
    expect(await searchKeys(api, 'project = SHOP ORDER BY key ASC')).toEqual(byNumber);
    expect(await searchKeys(api, 'project = SHOP ORDER BY key DESC')).toEqual([...byNumber].reverse());
    expect(await searchKeys(api, 'project = SHOP ORDER BY created DESC')).toEqual(
      [...shop].sort((a, b) => b.created - a.created || Number(a.id) - Number(b.id)).map((i) => i.key),
    );
    expect(await searchKeys(api, 'project = SHOP ORDER BY updated ASC, key DESC')).toEqual(
      [...shop]
        .sort((a, b) => a.updated - b.updated || Number(b.key.split('-')[1]) - Number(a.key.split('-')[1]))
        .map((i) => i.key),
    );
    expect(keyOf(site.state.getIssue('SHOP-5')?.parentId ?? null)).toBe('SHOP-4');
  });
});

describe('JQL errors', () => {
  async function expectJqlError(jql: string, message: RegExp): Promise<void> {
    const reply = await api.post('/rest/api/3/search/jql', { jql, fields: ['summary'] });
    expectSaying(reply.status, jql).toBe(400);
    const body = read(errorBody, reply);
    expectSaying(body.errorMessages.join(' | '), jql).toMatch(message);
    expect(body.errors).toEqual({});
  }

  it('a syntax error is "Error in the JQL Query" with the position', async () => {
    await expectJqlError('project = SHOP AND', /^Error in the JQL Query: .*\(line 1, character \d+\)$/);
    await expectJqlError('project in ()', /^Error in the JQL Query:/);
  });

  it('an unknown field, an unknown value, an unsupported operator', async () => {
    await expectJqlError('project = SHOP AND storyPoints > 3', /Field 'storyPoints' does not exist/);
    await expectJqlError('project = NOPE', /The value 'NOPE' does not exist for the field 'project'/);
    await expectJqlError(
      'project = SHOP AND issuetype = Saga',
      /The value 'Saga' does not exist for the field 'issuetype'/,
    );
    await expectJqlError('project > SHOP', /The operator '>' is not supported by the 'project' field/);
    await expectJqlError('project = SHOP AND status was Done', /not supported/);
    await expectJqlError(
      'project = SHOP AND created > "yesterday"',
      /Date value 'yesterday' for field 'created' is invalid/,
    );
    await expectJqlError('project = SHOP ORDER BY storyPoints', /Field 'storyPoints' does not exist/);
    await expectJqlError('key = SHOP-99999', /An issue with key 'SHOP-99999' does not exist/);
  });

  it('an unbounded query is refused, as by Jira’s enhanced search', async () => {
    await expectJqlError('ORDER BY key DESC', /Unbounded JQL queries are not allowed/);
    await expectJqlError('', /Unbounded JQL queries are not allowed/);
  });

  it('a project the caller cannot browse does not exist for them', async () => {
    const reply = await client(site, DEMO.people.outsider).post('/rest/api/3/search/jql', {
      jql: 'project = SHOP',
    });
    expect(reply.status).toBe(400);
    expect(read(errorBody, reply).errorMessages[0]).toMatch(/The value 'SHOP' does not exist/);
  });
});

describe('the property index', () => {
  it('is read from manifest.yml’s jira:entityProperty modules', () => {
    expect(parsePropertyIndex(readFileSync('manifest.yml', 'utf8'))).toEqual([
      { propertyKey: DEMO.propertyKey, path: 'pm.accountId', type: 'user', searchAlias: 'productManager' },
      { propertyKey: DEMO.propertyKey, path: 'po.accountId', type: 'user', searchAlias: 'productOwner' },
    ]);
    expect(
      parsePropertyIndex(
        'modules:\n  jira:entityProperty:\n    - key: k\n      entityType: user\n      propertyKey: p\n      values:\n        - path: a\n          type: STRING\n',
      ),
    ).toEqual([]);
  });

  it('serves the aliases and types it declares, and nothing else', async () => {
    const custom = await startTestSite({
      propertyIndex: [
        { propertyKey: DEMO.propertyKey, path: 'po.accountId', type: 'user', searchAlias: 'deliveryLead' },
        { propertyKey: DEMO.propertyKey, path: 'schema', type: 'number' },
      ],
    });
    try {
      const as = client(custom);
      const issues = [...custom.state.issues.values()];
      const sam = DEMO.people.poDirect.accountId;
      const poOf = (i: SiteIssue): unknown =>
        (i.properties.get(DEMO.propertyKey) as { po?: { accountId?: unknown } } | undefined)?.po?.accountId;
      expect(sorted(await searchKeys(as, `deliveryLead = "${sam}"`))).toEqual(
        keys(issues.filter((i) => poOf(i) === sam)),
      );
      const unknown = await as.post('/rest/api/3/search/jql', { jql: `productOwner = "${sam}"` });
      expect(unknown.status).toBe(400);
      expect(read(errorBody, unknown).errorMessages[0]).toMatch(/Field 'productOwner' does not exist/);
      const schemaTwo = issues.filter(
        (i) => (i.properties.get(DEMO.propertyKey) as { schema?: unknown } | undefined)?.schema === 2,
      );
      expect(schemaTwo.length).toBeGreaterThan(0);
      expect(sorted(await searchKeys(as, `issue.property[${DEMO.propertyKey}].schema >= 2`))).toEqual(
        keys(schemaTwo),
      );
      const notUser = await as.post('/rest/api/3/search/jql', {
        jql: `issue.property[${DEMO.propertyKey}].schema ~ "2"`,
      });
      expect(notUser.status).toBe(400);
    } finally {
      await custom.close();
    }
  });
});
