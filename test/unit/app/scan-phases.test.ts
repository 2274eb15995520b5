// The parallel scan's phases one at a time (src/app/scan/): the JQL, id pages, bulk fetch batches (bounded
// concurrency, issueErrors, vanished issues, resumption, checkpoints), and the related reads' request counts.
import { describe, expect, it } from '@jest/globals';
import {
  allIssueIds,
  batchCount,
  fetchIssues,
  findIssueIds,
  readRelatedForScan,
  scanJql,
} from '../../../src/app/scan';
import type { BulkFetchRequest, BulkFetchResult, JiraClient } from '../../../src/jira/types';
import { aPolicy, anEpic, aStory } from '../../support/builders';
import { FakeJira } from '../../support/fake-jira';
import { PEOPLE, aSite } from './site';

function stories(count: number, from = 1) {
  return Array.from({ length: count }, (_, i) => aStory(`ALPHA-${from + i}`, { po: PEOPLE.po }));
}

describe('scanJql', () => {
  it('leaves out sub-tasks, and done issues unless the policy checks them, in id order', () => {
    expect(scanJql('ALPHA', aPolicy())).toBe(
      'project = "ALPHA" AND issuetype not in subTaskIssueTypes() AND statusCategory != Done ORDER BY id ASC',
    );
    expect(scanJql('ALPHA', aPolicy({ includeDone: true }))).toBe(
      'project = "ALPHA" AND issuetype not in subTaskIssueTypes() ORDER BY id ASC',
    );
  });

  it('quotes the project key, and asks for changes since an instant as minutes back, rounded up', () => {
    const now = new Date('2025-06-01T12:00:00Z');
    const since = new Date('2025-06-01T10:00:30Z');
    expect(scanJql('A"B', aPolicy({ includeDone: true }), { updatedSince: since, now })).toBe(
      'project = "A\\"B" AND issuetype not in subTaskIssueTypes() AND updated >= -121m ORDER BY id ASC',
    );
  });

  it('finds on the fake exactly the issues changed since then', async () => {
    const now = new Date('2025-06-01T12:00:00Z');
    const site = aSite().addIssues(...stories(3));
    site.now = () => now;
    site.touch(['ALPHA-2'], new Date('2025-06-01T11:00:00Z'));
    const jql = scanJql('ALPHA', aPolicy(), { updatedSince: new Date('2025-06-01T10:30:00Z'), now });
    expect(await allIssueIds(site.app, jql)).toEqual(['id-ALPHA-2']);
  });
});

describe('findIssueIds', () => {
  it('yields each page as Jira sends it and stops only where Jira says', async () => {
    const site = new FakeJira({ idPageSize: 4 }).addProject({ key: 'ALPHA' }).addIssues(...stories(10));
    const pages: string[][] = [];
    for await (const page of findIssueIds(site.app, scanJql('ALPHA', aPolicy()))) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
    expect(site.app.calls.of('searchIdsPage')).toBe(3);
  });

  it('walks on past a short or empty page that is not the last', async () => {
    const answers = [
      { ids: ['1', '2'], nextPageToken: 'a' },
      { ids: [], nextPageToken: 'b' },
      { ids: ['3'], nextPageToken: null },
    ];
    const jira = { searchIdsPage: () => Promise.resolve(answers.shift()!) };
    expect(await allIssueIds(jira, 'x')).toEqual(['1', '2', '3']);
  });

  it('refuses to loop on a token Jira already sent', async () => {
    const jira = { searchIdsPage: () => Promise.resolve({ ids: ['1'], nextPageToken: 'same' }) };
    await expect(allIssueIds(jira, 'x')).rejects.toMatchObject({ kind: 'bad-response' });
  });
});

/** A bulk fetch that holds each answer until released, so a test sees how many are in flight at once. */
function gatedBulkFetch(inner: Pick<JiraClient, 'bulkFetchIssues'>) {
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: BulkFetchRequest[] = [];
  return {
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    jira: {
      async bulkFetchIssues(request: BulkFetchRequest): Promise<BulkFetchResult> {
        requests.push(request);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Let every other worker that can start do so before this one answers.
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return inner.bulkFetchIssues(request);
      },
    },
  };
}

describe('fetchIssues', () => {
  it('reads 100 ids a request with the scan fields and the ownership property, at most `concurrency` at once', async () => {
    const site = aSite().addIssues(...stories(1050));
    const ids = await allIssueIds(site.app, scanJql('ALPHA', aPolicy()));
    const gated = gatedBulkFetch(site.app);
    const { facts, failed } = await fetchIssues(gated.jira, ids, { concurrency: 3 });
    expect(facts.map((f) => f.id)).toEqual(ids);
    expect(failed).toEqual([]);
    expect(gated.requests).toHaveLength(batchCount(1050));
    expect(gated.requests.every((r) => r.issueIdsOrKeys.length <= 100)).toBe(true);
    expect(gated.requests[0]).toMatchObject({
      fields: ['summary', 'issuetype', 'status', 'created', 'parent', 'project', 'security', 'updated'],
      properties: ['role-split-ownership'],
    });
    expect(gated.maxInFlight).toBe(3);
  });

  it('retries issues Jira lists in issueErrors, and returns those that keep failing', async () => {
    const site = aSite().addIssues(...stories(150));
    site.failInBulkFetch(['ALPHA-7'], 1).failInBulkFetch(['ALPHA-120'], 99);
    const ids = await allIssueIds(site.app, scanJql('ALPHA', aPolicy()));
    const { facts, failed } = await fetchIssues(site.app, ids);
    expect(facts).toHaveLength(149);
    expect(facts.map((f) => f.key)).toContain('ALPHA-7');
    expect(failed).toEqual(['id-ALPHA-120']);
    // Batch 1: one read, one retry of ALPHA-7. Batch 2: one read, two retries of ALPHA-120.
    expect(site.app.calls.of('bulkFetchIssues')).toBe(5);
  });

  it('leaves out issues deleted since their ids were found, without failing them', async () => {
    const site = aSite().addIssues(...stories(5));
    const ids = await allIssueIds(site.app, scanJql('ALPHA', aPolicy()));
    site.deleteIssues('ALPHA-2', 'ALPHA-4');
    const { facts, failed } = await fetchIssues(site.app, ids);
    expect(facts.map((f) => f.key)).toEqual(['ALPHA-1', 'ALPHA-3', 'ALPHA-5']);
    expect(failed).toEqual([]);
  });

  it('reads only the batches asked for, and awaits onBatch after each, one call at a time', async () => {
    const site = aSite().addIssues(...stories(450));
    const ids = await allIssueIds(site.app, scanJql('ALPHA', aPolicy()));
    const seen: Array<[number, number]> = [];
    let inCallback = 0;
    let overlapped = false;
    const { facts } = await fetchIssues(site.app, ids, {
      batches: [1, 4, 3],
      concurrency: 3,
      onBatch: async (index, batch) => {
        overlapped ||= inCallback > 0;
        inCallback++;
        await new Promise((resolve) => setImmediate(resolve));
        seen.push([index, batch.length]);
        inCallback--;
      },
    });
    expect(overlapped).toBe(false);
    expect(seen.sort((a, b) => a[0] - b[0])).toEqual([
      [1, 100],
      [3, 100],
      [4, 50],
    ]);
    expect(facts.map((f) => f.id)).toEqual([...ids.slice(100, 200), ...ids.slice(300, 450)]);
    expect(site.app.calls.of('bulkFetchIssues')).toBe(3);
  });

  it('fails with the first error once the batches in flight are done, having reported them', async () => {
    const site = aSite().addIssues(...stories(500));
    const ids = await allIssueIds(site.app, scanJql('ALPHA', aPolicy()));
    let calls = 0;
    const jira = {
      bulkFetchIssues: (request: BulkFetchRequest) => {
        calls++;
        if (calls === 2) return Promise.reject(new Error('Jira is down'));
        return site.app.bulkFetchIssues(request);
      },
    };
    const reported: number[] = [];
    await expect(
      fetchIssues(jira, ids, { concurrency: 2, onBatch: (index) => void reported.push(index) }),
    ).rejects.toThrow('Jira is down');
    // Batch 0 finished and was checkpointed; nothing after the failure was started.
    expect(reported).toContain(0);
    expect(calls).toBeLessThanOrEqual(3);
  });

  it('marks secured issues', async () => {
    const site = aSite().addIssues(aStory('ALPHA-1', { secured: true }), aStory('ALPHA-2'));
    const { facts } = await fetchIssues(site.app, await allIssueIds(site.app, scanJql('ALPHA', aPolicy())));
    expect(facts.map((f) => [f.key, f.secured])).toEqual([
      ['ALPHA-1', true],
      ['ALPHA-2', false],
    ]);
  });
});

describe('readRelatedForScan', () => {
  it('reads 250 missing ancestors with three bulk fetches, not a search each', async () => {
    const site = aSite()
      .addProject({ key: 'BETA' })
      .addIssues(
        ...Array.from({ length: 250 }, (_, i) => anEpic(`BETA-${i + 1}`, { pm: PEOPLE.pm })),
        ...Array.from({ length: 250 }, (_, i) => aStory(`ALPHA-${i + 1}`, { parent: `BETA-${i + 1}` })),
      );
    const { facts } = await fetchIssues(site.app, await allIssueIds(site.app, scanJql('ALPHA', aPolicy())));
    site.app.calls.reset();
    const related = await readRelatedForScan(site.app, facts, aPolicy());
    expect(related).toHaveLength(250);
    expect(site.app.calls.snapshot()).toEqual({ bulkFetchIssues: 3 });
  });

  it('searches below 150 childless open epics with two `parent in` searches, and leaves epics with stories alone', async () => {
    const site = aSite().addIssues(
      ...Array.from({ length: 150 }, (_, i) => anEpic(`ALPHA-${i + 1}`, { pm: PEOPLE.pm })),
      anEpic('ALPHA-151', { pm: PEOPLE.pm }),
      aStory('ALPHA-152', { parent: 'ALPHA-151' }),
      aStory('ALPHA-153', { parent: 'ALPHA-1', statusCategory: 'done' }),
    );
    const { facts } = await fetchIssues(site.app, await allIssueIds(site.app, scanJql('ALPHA', aPolicy())));
    site.app.calls.reset();
    const related = await readRelatedForScan(site.app, facts, aPolicy());
    expect(related.map((r) => r.key)).toEqual(['ALPHA-153']);
    expect(site.app.calls.of('searchPage')).toBe(2);
    expect(site.app.calls.of('bulkFetchIssues')).toBe(0);
  });
});
