// One batch through the bulk property write: read first (what is already at its target is not written), write,
// poll the task at most three times as the same identity, re-read and trust only what was read back.
import { describe, expect, it } from '@jest/globals';
import { MAX_TASK_POLLS, writeBatch, type BatchItem } from '../../../../src/app/bulk/write-batch';
import { TEST_NOW, aPolicy, aSlot, aStory } from '../../../support/builders';
import { BulkJira, noSleep } from './bulk-jira';

const context = {
  policy: aPolicy(),
  eligibility: () => ({ eligible: true, reason: null }),
  setBy: 'lead',
};

function setUp() {
  const jira = new BulkJira().add(
    aStory('ALPHA-1', { id: '1001' }),
    aStory('ALPHA-2', { id: '1002', po: 'yara' }),
    aStory('ALPHA-3', { id: '1003', ownership: { schema: 1, po: aSlot('sam'), other: 'kept' } }),
    aStory('ALPHA-4', { id: '1004', ownership: 'not an object' }),
  );
  const ports = { jira: jira.client(), clock: { now: () => TEST_NOW }, sleep: noSleep };
  return { jira, ports };
}

const items: BatchItem[] = ['1001', '1002', '1003', '1004', '9999'].map((issue) => ({ issue, to: 'yara' }));

describe('writeBatch', () => {
  it('writes only what changes, verifies by reading back, and names every other issue', async () => {
    const { jira, ports } = setUp();
    const { results, error } = await writeBatch(ports, items, context);
    expect(error).toBeNull();
    expect(results.map((r) => [r.issue, r.outcome, r.reason])).toEqual([
      ['1001', 'assigned', null],
      ['1002', 'unchanged', null],
      ['1003', 'assigned', null],
      ['1004', 'refused', 'OWNERSHIP_INVALID'],
      ['9999', 'refused', 'ISSUE_NOT_FOUND'],
    ]);
    expect(jira.writes.sort()).toEqual(['1001', '1003']);
    expect(jira.property('1003')).toMatchObject({ other: 'kept', po: { accountId: 'yara' } });
    expect(jira.property('1004')).toBe('not an object');
    expect(jira.calls).toEqual(['bulkFetchIssues', 'bulkSetIssueProperties', 'getTask', 'bulkFetchIssues']);
  });

  it('run again, writes nothing: every issue is already at its target', async () => {
    const { jira, ports } = setUp();
    await writeBatch(ports, items, context);
    jira.calls.length = 0;
    const again = await writeBatch(ports, items, context);
    expect(again.results.filter((r) => r.outcome === 'assigned')).toEqual([]);
    expect(again.results.slice(0, 3).map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(jira.writes).toHaveLength(2);
    expect(jira.calls).toEqual(['bulkFetchIssues']);
  });

  it('polls the task at most three times, then trusts the re-read', async () => {
    const { jira, ports } = setUp();
    jira.pollsToFinish = 10;
    const { results } = await writeBatch(ports, items.slice(0, 1), context);
    expect(jira.calls.filter((c) => c === 'getTask')).toHaveLength(MAX_TASK_POLLS);
    expect(results[0]).toMatchObject({ outcome: 'refused', reason: 'WRITE_FAILED' });
  });

  it('does not trust the task: an issue the write did not save is WRITE_FAILED', async () => {
    const { jira, ports } = setUp();
    jira.dropped.add('1003');
    const { results } = await writeBatch(ports, items.slice(0, 3), context);
    expect(results.map((r) => r.reason)).toEqual([null, null, 'WRITE_FAILED']);
  });

  it('a Jira error at the write: the rows to write are WRITE_FAILED, the others keep their outcome', async () => {
    const { jira, ports } = setUp();
    jira.failNext('bulkSetIssueProperties', 'forbidden');
    const { results, error } = await writeBatch(ports, items, context);
    expect(error?.kind).toBe('forbidden');
    expect(results.map((r) => r.reason)).toEqual([
      'WRITE_FAILED',
      null,
      'WRITE_FAILED',
      'OWNERSHIP_INVALID',
      'ISSUE_NOT_FOUND',
    ]);
    expect(jira.writes).toEqual([]);
  });

  it('a Jira error before the write: every row NOT_ATTEMPTED', async () => {
    const { jira, ports } = setUp();
    jira.failNext('bulkFetchIssues', 'rate-limited');
    const { results, error } = await writeBatch(ports, items, context);
    expect(error?.kind).toBe('rate-limited');
    expect(new Set(results.map((r) => r.reason))).toEqual(new Set(['NOT_ATTEMPTED']));
    expect(results).toHaveLength(items.length);
  });

  it('a Jira error at the check: WRITE_FAILED and marked unverified (the write may have landed)', async () => {
    const { jira, ports } = setUp();
    jira.failNext('getTask', 'server');
    const { results, error } = await writeBatch(ports, items.slice(0, 1), context);
    expect(error?.kind).toBe('server');
    expect(results[0]).toMatchObject({ reason: 'WRITE_FAILED', unverified: true });
  });

  it('a dry run plans and writes nothing; refusals of editability come before the write', async () => {
    const { jira, ports } = setUp();
    const dry = await writeBatch(ports, items.slice(0, 3), { ...context, dryRun: true });
    expect(dry.results.map((r) => r.outcome)).toEqual(['assigned', 'unchanged', 'assigned']);
    expect(jira.calls).toEqual(['bulkFetchIssues']);
    const refused = await writeBatch(ports, items.slice(0, 3), {
      ...context,
      mayEdit: (id) => id !== '1003',
    });
    expect(refused.results.map((r) => r.reason)).toEqual([null, null, 'NO_EDIT_PERMISSION']);
    expect(jira.writes).toEqual(['1001']);
  });

  it('calls beforeWrite with the planned writes before sending them', async () => {
    const { jira, ports } = setUp();
    const seen: string[][] = [];
    await writeBatch(ports, items, {
      ...context,
      beforeWrite: (planned) => {
        seen.push(planned.map((p) => p.issueId));
        expect(jira.writes).toEqual([]);
        return Promise.resolve();
      },
    });
    expect(seen).toEqual([['1001', '1003']]);
  });
});
