import { describe, expect, it } from '@jest/globals';
import { describePolicy } from '../../../src/cli/report';
import { parsePolicy } from '../../../src/domain/policy';
import { reportSchemaErrors } from './report-schema';
import { gap, projectWith, reportOf } from './sample-report';

// Reports from a real site are validated in test/integration/cli; these pin the schema's edges.
describe('schemas/audit-report.v1.schema.json', () => {
  const report = reportOf([
    projectWith('ABC', [
      gap({ epicKey: 'ABC-1', owner: { accountId: 'a', displayName: 'Ada' } }),
      gap({ owner: { accountId: 'gone', displayName: null } }),
    ]),
    { key: 'NOPE', ok: false, error: 'not found' },
  ]);

  it('accepts what buildReport makes, with project roles or a roster file', () => {
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
    const withRoster = { ...report, policy: describePolicy(parsePolicy({}), { pm: ['a'], po: [] }) };
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(withRoster)))).toEqual([]);
  });

  it.each([
    ['another version', { ...report, schemaVersion: 2 }],
    ['a local time', { ...report, generatedAt: '2026-01-02T03:04:05+01:00' }],
    [
      'an unknown code',
      { ...report, projects: [{ ...report.projects[0], gaps: [gap({ code: 'NOPE' as never })] }] },
    ],
    [
      'a missing byCode entry',
      {
        ...report,
        projects: [{ ...report.projects[0], summary: { ...report.projects[0]?.summary, byCode: {} } }],
      },
    ],
    ['a field v1 does not have', { ...report, extra: true }],
    [
      'a gap without an owner field',
      { ...report, projects: [{ ...report.projects[0], gaps: [{ ...gap(), owner: undefined }] }] },
    ],
  ])('refuses %s', (_name, bad) => {
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(bad)))).not.toEqual([]);
  });
});

describe('schemas/audit-report.v1.schema.json with a stored policy', () => {
  it('accepts a role whose people come only from groups or named people (no project roles to list)', () => {
    const policy = describePolicy(
      parsePolicy({
        roles: { pm: { projectRoles: [], groups: [{ name: 'pms' }] }, po: { projectRoles: ['PO'] } },
      }),
      null,
    );
    expect(policy.roles.pm).toEqual({ source: 'project-roles', projectRoles: [] });
    const report = reportOf([projectWith('ABC', [])]);
    expect(reportSchemaErrors(JSON.parse(JSON.stringify({ ...report, policy })))).toEqual([]);
  });
});
