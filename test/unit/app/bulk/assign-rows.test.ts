// The CLI's core: rows by key, one result per row in order, one Edit Issues check per 1,000 rows, the
// eligibility checker asked once per role, a Jira error midway leaving later rows NOT_ATTEMPTED.
import { describe, expect, it } from '@jest/globals';
import { assignRows, type AssignRow } from '../../../../src/app/bulk/assign-rows';
import type { Role } from '../../../../src/domain/model';
import { TEST_NOW, aPolicy, anEpic, aStory } from '../../../support/builders';
import { BulkJira, noSleep } from './bulk-jira';

function setUp(stories = 3) {
  const jira = new BulkJira().add(anEpic('ALPHA-1', { id: '1001' }));
  for (let i = 2; i < 2 + stories; i++) jira.add(aStory(`ALPHA-${i}`, { id: String(1000 + i) }));
  const asked: string[] = [];
  const ports = {
    jira: jira.client(),
    clock: { now: () => TEST_NOW },
    sleep: noSleep,
    checkEligibility: (role: Role, ids: readonly string[]) => {
      asked.push(`${role}:${ids.join(',')}`);
      return Promise.resolve(
        new Map(
          ids.map((id) => [
            id,
            { eligible: id !== 'dev', reason: id === 'dev' ? ('not-in-role' as const) : null },
          ]),
        ),
      );
    },
  };
  return { jira, ports, asked };
}

const options = { policy: aPolicy(), setBy: 'token-user', dryRun: false };

describe('assignRows', () => {
  it('applies rows by key and reports each in order', async () => {
    const { jira, ports, asked } = setUp();
    const rows: AssignRow[] = [
      { line: 2, issue: 'ALPHA-1', role: 'pm', accountId: 'pat' },
      { line: 3, issue: 'alpha-2', role: 'po', accountId: 'sam' },
      { line: 4, issue: 'ALPHA-3', role: 'pm', accountId: 'pat' },
      { line: 5, issue: 'ALPHA-4', role: 'po', accountId: 'dev' },
      { line: 6, issue: 'ALPHA-99', role: 'po', accountId: 'sam' },
    ];
    const { results, error } = await assignRows(ports, rows, options);
    expect(error).toBeNull();
    expect(results.map((r) => [r.line, r.issueKey, r.outcome, r.reason])).toEqual([
      [2, 'ALPHA-1', 'assigned', null],
      [3, 'ALPHA-2', 'assigned', null],
      [4, 'ALPHA-3', 'refused', 'WRONG_ROLE_FOR_LEVEL'],
      [5, 'ALPHA-4', 'refused', 'NOT_ELIGIBLE'],
      [6, null, 'refused', 'ISSUE_NOT_FOUND'],
    ]);
    expect(asked).toEqual(['pm:pat', 'po:sam,dev']);
    expect(jira.property('1002')).toMatchObject({ po: { accountId: 'sam', setBy: 'token-user' } });
    expect(jira.calls).toEqual([
      'bulkFetchIssues',
      'checkPermissions',
      'bulkSetIssueProperties',
      'getTask',
      'bulkFetchIssues',
    ]);
  });

  it('refuses NO_EDIT_PERMISSION where the caller may not edit, and a dry run writes nothing', async () => {
    const { jira, ports } = setUp();
    jira.notEditable.add('1003');
    const rows: AssignRow[] = [
      { line: 2, issue: 'ALPHA-2', role: 'po', accountId: 'sam' },
      { line: 3, issue: 'ALPHA-3', role: 'po', accountId: 'sam' },
    ];
    const dry = await assignRows(ports, rows, { ...options, dryRun: true });
    expect(dry.results.map((r) => r.reason ?? r.outcome)).toEqual(['assigned', 'NO_EDIT_PERMISSION']);
    expect(jira.writes).toEqual([]);
    const real = await assignRows(ports, rows, options);
    expect(real.results.map((r) => r.reason ?? r.outcome)).toEqual(['assigned', 'NO_EDIT_PERMISSION']);
    expect(jira.writes).toEqual(['1002']);
  });

  it('250 rows: three batches, one permission check; a 403 at the second write stops the run', async () => {
    const { jira, ports } = setUp(250);
    const rows: AssignRow[] = Array.from({ length: 250 }, (_, i) => ({
      line: i + 2,
      issue: `ALPHA-${i + 2}`,
      role: 'po' as const,
      accountId: 'sam',
    }));
    let writes = 0;
    const client = ports.jira;
    const original = client.bulkSetIssueProperties.bind(client);
    ports.jira = new Proxy(client, {
      get: (target, name): unknown =>
        name === 'bulkSetIssueProperties'
          ? (issues: Parameters<typeof original>[0]) => {
              writes += 1;
              if (writes === 2) jira.failNext('bulkSetIssueProperties', 'forbidden');
              return original(issues);
            }
          : Reflect.get(target, name),
    });
    const { results, error } = await assignRows(ports, rows, options);
    expect(error?.kind).toBe('forbidden');
    const counts = (from: number, to: number) =>
      results.slice(from, to).reduce<Record<string, number>>((acc, r) => {
        const k = r.reason ?? r.outcome;
        acc[k] = (acc[k] ?? 0) + 1;
        return acc;
      }, {});
    expect(counts(0, 100)).toEqual({ assigned: 100 });
    expect(counts(100, 200)).toEqual({ WRITE_FAILED: 100 });
    expect(counts(200, 250)).toEqual({ NOT_ATTEMPTED: 50 });
    expect(jira.calls.filter((c) => c === 'checkPermissions')).toHaveLength(1);
    expect(jira.calls.filter((c) => c === 'bulkFetchIssues').length).toBe(3 + 1);
  });

  it('the same issue twice for one role (by key and by id) is refused, not written twice', async () => {
    const { jira, ports } = setUp();
    const rows: AssignRow[] = [
      { line: 2, issue: 'ALPHA-2', role: 'po', accountId: 'sam' },
      { line: 3, issue: '1002', role: 'po', accountId: 'pat' },
      { line: 4, issue: 'ALPHA-3', role: 'po', accountId: 'sam' },
    ];
    const { results } = await assignRows(ports, rows, options);
    expect(results.map((r) => r.reason ?? r.outcome)).toEqual(['INVALID_ROW', 'INVALID_ROW', 'assigned']);
    expect(jira.writes).toEqual(['1003']);
  });
});
