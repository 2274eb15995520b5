import { describe, expect, it } from '@jest/globals';
import { buildAssignReport, type AssignResult } from '../../../src/cli/assign-report';
import { assignReportSchemaErrors } from './assign-report-schema';

const row = (over: Partial<AssignResult>): AssignResult => ({
  line: 2,
  issueKey: 'ABC-1',
  role: 'po',
  accountId: '712020:abc',
  outcome: 'assigned',
  reason: null,
  message: null,
  ...over,
});

// Reports from the embedded site are validated in test/integration/cli/assign-cli.test.ts; these pin the edges.
describe('schemas/assign-report.v1.schema.json', () => {
  const report = buildAssignReport({
    site: 'demo',
    dryRun: false,
    generatedAt: new Date('2026-01-02T03:04:05Z'),
    results: [
      row({}),
      row({ line: null, outcome: 'cleared', accountId: null }),
      row({
        outcome: 'refused',
        reason: 'INVALID_ROW',
        role: null,
        message: 'The role "qa" is neither pm nor po.',
      }),
    ],
  });

  it('accepts what buildAssignReport makes, and counts each outcome', () => {
    expect(assignReportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
    expect(report.summary).toEqual({ assigned: 1, cleared: 1, unchanged: 0, refused: 1 });
  });

  it.each([
    ['another version', { ...report, schemaVersion: 2 }],
    ['a local time', { ...report, generatedAt: '2026-01-02T03:04:05+01:00' }],
    ['an unknown reason', { ...report, results: [row({ outcome: 'refused', reason: 'NOPE' as never })] }],
    ['a refusal without a reason', { ...report, results: [row({ outcome: 'refused' })] }],
    ['a reason on an applied row', { ...report, results: [row({ reason: 'WRITE_FAILED' })] }],
    ['the header line', { ...report, results: [row({ line: 1 })] }],
    ['an unknown field', { ...report, results: [{ ...row({}), extra: 1 }] }],
    ['a missing summary count', { ...report, summary: { assigned: 0, cleared: 0, unchanged: 0 } }],
  ])('refuses %s', (_label, bad) => {
    expect(assignReportSchemaErrors(bad)).not.toEqual([]);
  });
});
