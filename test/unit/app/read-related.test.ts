// Issues outside the scanned project that the rules still need, read through the fake Jira: ancestors up the
// `parent` chain in any project (with `key in (...)` retried without keys Jira refuses), and descendants in
// other projects level by level. Also checks the fake's own paging and JQL strictness, which every use-case
// test leans on.
import { describe, expect, it } from '@jest/globals';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, parentStubOf } from '../../../src/app/issue-facts';
import { readDescendantsElsewhere, readMissingAncestors } from '../../../src/app/read-related';
import type { IssueFacts } from '../../../src/domain/model';
import { anEpic, anIssue, aStory } from '../../support/builders';
import { FakeJira } from '../../support/fake-jira';

function byKey(...issues: IssueFacts[]): Map<string, IssueFacts> {
  return new Map(issues.map((i) => [i.key, i]));
}

function keys(issues: readonly IssueFacts[]): string[] {
  return issues.map((i) => i.key).sort();
}

function twoProjects(options: { pageSize?: number; betaBrowsers?: string[] } = {}): FakeJira {
  return new FakeJira({ pageSize: options.pageSize })
    .addProject({ key: 'ALPHA' })
    .addProject({ key: 'BETA', ...(options.betaBrowsers ? { browsers: options.betaBrowsers } : {}) });
}

describe('readMissingAncestors', () => {
  it('reads parents and their parents from any project, with their ownership', async () => {
    const initiative = anIssue({ key: 'BETA-1', type: 'Initiative', pm: 'pm-1' });
    const epic = anEpic('BETA-2', { parent: 'BETA-1', pm: 'pm-2' });
    const story = aStory('ALPHA-1', { parent: 'BETA-2' });
    const site = twoProjects().addIssues(initiative, epic, story);

    const found = await readMissingAncestors(site.app, byKey(story), new Map());
    expect(found).toEqual([epic, initiative]);
    // One search per level, nothing per issue.
    expect(site.app.calls.snapshot()).toEqual({ searchAll: 2, searchPage: 2 });
  });

  it('asks nothing when every parent is already known', async () => {
    const epic = anEpic('ALPHA-1');
    const site = twoProjects().addIssues(epic, aStory('ALPHA-2', { parent: 'ALPHA-1' }));
    const story = aStory('ALPHA-2', { parent: 'ALPHA-1' });
    expect(await readMissingAncestors(site.app, byKey(epic, story), new Map())).toEqual([]);
    expect(site.app.calls.total()).toBe(0);
  });

  it('asks for at most 100 keys per search', async () => {
    const epics = Array.from({ length: 150 }, (_, i) => anEpic(`BETA-${i + 1}`));
    const stories = epics.map((e, i) => aStory(`ALPHA-${i + 1}`, { parent: e.key }));
    const site = twoProjects().addIssues(...epics, ...stories);
    const found = await readMissingAncestors(site.app, byKey(...stories), new Map());
    expect(found).toHaveLength(150);
    expect(site.app.calls.of('searchAll')).toBe(2);
  });

  it('stands in a parent the reader cannot see with what its child says of it, and still reads the others', async () => {
    const hidden = anEpic('BETA-1', { summary: 'Checkout revamp', pm: 'pm-1' });
    const visible = anEpic('ALPHA-9');
    const site = twoProjects({ betaBrowsers: ['someone-else'] }).addIssues(hidden, visible);
    const stories = [aStory('ALPHA-1', { parent: 'BETA-1' }), aStory('ALPHA-2', { parent: 'ALPHA-9' })];
    site.addIssues(...stories);
    const reader = site.asUser('viewer');
    // What the search of ALPHA would have collected from the stories' `parent` fields.
    const issue = await reader.getIssue('ALPHA-1', { fields: ISSUE_FIELDS, properties: ISSUE_PROPERTIES });
    const stub = parentStubOf(issue);
    if (!stub) throw new Error('ALPHA-1 should name its parent');
    const found = await readMissingAncestors(reader, byKey(...stories), new Map([['BETA-1', stub]]));
    expect(keys(found)).toEqual(['ALPHA-9', 'BETA-1']);
    const epic = found.find((i) => i.key === 'BETA-1');
    // Jira embeds the summary and type of a hidden parent, never its properties.
    expect(epic).toMatchObject({ summary: 'Checkout revamp', issueType: { hierarchyLevel: 1 } });
    expect(epic?.ownership).toBeUndefined();
    // The refused `key in (...)` was asked again without BETA-1.
    expect(reader.calls.of('searchPage')).toBe(2);
  });

  it('passes on a refused `key in (...)` that names none of the keys, and any other failure', async () => {
    const story = aStory('ALPHA-1', { parent: 'BETA-1' });
    const isKeyIn = ([request]: readonly unknown[]) => (request as { jql: string }).jql.startsWith('key in');
    const refused = twoProjects()
      .addIssues(anEpic('BETA-1'), story)
      .refuse('searchPage', 'bad-request', { when: isKeyIn, errorMessages: ['The query is too complex.'] });
    await expect(readMissingAncestors(refused.app, byKey(story), new Map())).rejects.toMatchObject({
      kind: 'bad-request',
    });
    expect(refused.app.calls.of('searchPage')).toBe(1);
    const down = twoProjects().addIssues(anEpic('BETA-1'), story).refuse('searchPage', 'server');
    await expect(readMissingAncestors(down.app, byKey(story), new Map())).rejects.toMatchObject({
      kind: 'server',
    });
  });
});

describe('readDescendantsElsewhere', () => {
  it('finds children of strategy issues in other projects, level by level, skipping what is known', async () => {
    const epic = anEpic('ALPHA-1');
    const known = aStory('ALPHA-2', { parent: 'ALPHA-1' });
    const childEpic = anEpic('BETA-1', { parent: 'ALPHA-1' });
    const grandchild = aStory('BETA-2', { parent: 'BETA-1' });
    const subtask = anIssue({ key: 'BETA-3', type: 'Sub-task', parent: 'BETA-2' });
    const site = twoProjects().addIssues(epic, known, childEpic, grandchild, subtask);

    const found = await readDescendantsElsewhere(site.app, ['ALPHA-1'], byKey(epic, known));
    expect(keys(found)).toEqual(['BETA-1', 'BETA-2']);
    // Below a story (level 0) nothing more is asked: two levels, two searches.
    expect(site.app.calls.of('searchAll')).toBe(2);
  });

  it('shows a user only the children they may browse', async () => {
    const epic = anEpic('ALPHA-1');
    const site = twoProjects({ betaBrowsers: ['pm-1'] }).addIssues(
      epic,
      aStory('BETA-1', { parent: 'ALPHA-1' }),
    );
    expect(keys(await readDescendantsElsewhere(site.asUser('pm-1'), ['ALPHA-1'], byKey(epic)))).toEqual([
      'BETA-1',
    ]);
    expect(await readDescendantsElsewhere(site.asUser('other'), ['ALPHA-1'], byKey(epic))).toEqual([]);
  });

  it('walks every page of a large answer', async () => {
    const epic = anEpic('ALPHA-1');
    const children = Array.from({ length: 7 }, (_, i) => aStory(`BETA-${i + 1}`, { parent: 'ALPHA-1' }));
    const site = twoProjects({ pageSize: 3 }).addIssues(epic, ...children);
    const found = await readDescendantsElsewhere(site.app, ['ALPHA-1'], byKey(epic));
    expect(found).toHaveLength(7);
    expect(site.app.calls.of('searchPage')).toBe(3);
  });
});

describe('the fake Jira', () => {
  const search = (jql: string) => ({ jql, fields: ISSUE_FIELDS, properties: ISSUE_PROPERTIES });

  it('pages with nextPageToken in key order (ALPHA-10 after ALPHA-9) and ends only where it says so', async () => {
    const issues = Array.from({ length: 11 }, (_, i) => aStory(`ALPHA-${11 - i}`));
    const site = twoProjects({ pageSize: 5 }).addIssues(...issues);
    const first = await site.app.searchPage(search('project = "ALPHA" ORDER BY key ASC'));
    expect(first.issues.map((i) => i.key)).toEqual(['ALPHA-1', 'ALPHA-2', 'ALPHA-3', 'ALPHA-4', 'ALPHA-5']);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const pages: string[][] = [];
    for await (const page of site.app.searchAll(search('project = "ALPHA" ORDER BY key ASC'))) {
      pages.push(page.map((i) => i.key));
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 1]);
    expect(pages.flat().slice(8)).toEqual(['ALPHA-9', 'ALPHA-10', 'ALPHA-11']);
  });

  it('returns only the fields and properties asked for', async () => {
    const site = twoProjects().addIssues(aStory('ALPHA-1', { po: 'po-1' }));
    const bare = await site.app.getIssue('ALPHA-1', { fields: ['summary'] });
    expect(bare).toEqual({
      id: 'id-ALPHA-1',
      key: 'ALPHA-1',
      fields: { summary: 'Story ALPHA-1' },
      properties: {},
    });
  });

  it('throws loudly on JQL the app does not send', async () => {
    const site = twoProjects();
    await expect(site.app.searchPage(search('project = ALPHA'))).rejects.toThrow(/unsupported JQL/);
    await expect(site.app.searchPage(search('assignee = currentUser()'))).rejects.toThrow(/unsupported JQL/);
  });

  it('refuses an unknown project in JQL the way Jira does (400, naming it)', async () => {
    await expect(
      twoProjects().app.searchPage(search('project = "NOPE" ORDER BY key ASC')),
    ).rejects.toMatchObject({
      kind: 'bad-request',
      errorMessages: [expect.stringContaining("'NOPE'")],
    });
  });
});
