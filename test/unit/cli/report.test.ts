import { describe, expect, it } from '@jest/globals';
import { countByCode, describePolicy, reachesSeverity } from '../../../src/cli/report';
import { GAP_CODES } from '../../../src/domain/model';
import { parsePolicy } from '../../../src/domain/policy';
import { gap, projectWith, reportOf } from './sample-report';

describe('buildReport', () => {
  it('is version 1, UTC, with coverage and a count for every code', () => {
    const report = reportOf([
      projectWith('ABC', [
        gap(),
        gap({ issueKey: 'ABC-2' }),
        gap({ code: 'EPIC_WITHOUT_PM', issueKey: 'ABC-3' }),
      ]),
    ]);
    expect(report.schemaVersion).toBe(1);
    expect(report.generatedAt).toBe('2026-01-02T03:04:05.678Z');
    const [project] = report.projects;
    expect(project?.error).toBeNull();
    expect(project?.summary).toMatchObject({ strategyIssues: 4, withPm: 3, executionIssues: 10, withPo: 7 });
    expect(Object.keys(project?.summary.byCode ?? {})).toEqual([...GAP_CODES]);
    expect(project?.summary.byCode.STORY_WITHOUT_PO).toBe(2);
    expect(project?.summary.byCode.EPIC_WITHOUT_PM).toBe(1);
    expect(project?.summary.byCode.ROLE_MISPLACED).toBe(0);
  });

  it('keeps the engine order and only the v1 gap fields', () => {
    const extra = { ...gap({ issueKey: 'ABC-9' }), waiver: { reason: 'x' } };
    const report = reportOf([projectWith('ABC', [gap({ issueKey: 'ABC-2' }), extra])]);
    expect(report.projects[0]?.gaps.map((g) => g.issueKey)).toEqual(['ABC-2', 'ABC-9']);
    expect(Object.keys(report.projects[0]?.gaps[1] ?? {})).toEqual([
      'code',
      'severity',
      'issueKey',
      'issueType',
      'summary',
      'epicKey',
      'owner',
    ]);
  });

  it('gives a project that could not be read its error, zero counts and no gaps', () => {
    const report = reportOf([{ key: 'NOPE', ok: false, error: 'not found' }]);
    expect(report.projects[0]).toMatchObject({
      key: 'NOPE',
      error: 'not found',
      summary: { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0 },
      gaps: [],
    });
  });
});

describe('describePolicy', () => {
  it('names the project roles, types and defaults used', () => {
    const policy = parsePolicy({
      roles: { pm: { projectRoles: ['Heads'] }, po: { projectRoles: ['Owners'] } },
      executionTypes: ['Story', 'Task'],
      includeDone: true,
    });
    expect(describePolicy(policy, null)).toMatchObject({
      roles: {
        pm: { source: 'project-roles', projectRoles: ['Heads'] },
        po: { source: 'project-roles', projectRoles: ['Owners'] },
      },
      executionTypes: ['Story', 'Task'],
      includeDone: true,
      graceDays: 0,
      waiversApplied: false,
    });
  });

  it('says when a roster file replaced the role sources', () => {
    const described = describePolicy(parsePolicy({}), { pm: ['a'], po: ['b', 'c'] });
    expect(described.roles).toEqual({
      pm: { source: 'roster-file', accountIds: ['a'] },
      po: { source: 'roster-file', accountIds: ['b', 'c'] },
    });
  });
});

describe('reachesSeverity', () => {
  const onlyWarnings = reportOf([
    projectWith('ABC', [gap({ code: 'STORY_WITHOUT_EPIC', severity: 'warning' })]),
  ]);
  const withError = reportOf([projectWith('ABC', [gap()])]);
  const clean = reportOf([projectWith('ABC', [])]);

  it('fails on errors only with --fail-on error', () => {
    expect(reachesSeverity(withError, 'error')).toBe(true);
    expect(reachesSeverity(onlyWarnings, 'error')).toBe(false);
  });

  it('fails on any gap with --fail-on warning', () => {
    expect(reachesSeverity(onlyWarnings, 'warning')).toBe(true);
    expect(reachesSeverity(withError, 'warning')).toBe(true);
    expect(reachesSeverity(clean, 'warning')).toBe(false);
  });

  it('never fails with --fail-on never', () => {
    expect(reachesSeverity(withError, 'never')).toBe(false);
  });

  it('counts by code', () => {
    expect(countByCode([gap(), gap()]).STORY_WITHOUT_PO).toBe(2);
  });
});
