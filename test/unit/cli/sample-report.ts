// Builders of audit reports for the formatter tests.
import type { Gap } from '../../../src/domain/model';
import { defaultPolicy } from '../../../src/domain/policy';
import { buildReport, describePolicy, type AuditReport, type ProjectOutcome } from '../../../src/cli/report';

export function gap(overrides: Partial<Gap> = {}): Gap {
  return {
    code: 'STORY_WITHOUT_PO',
    severity: 'error',
    issueKey: 'ABC-1',
    issueType: 'Story',
    summary: 'A story',
    epicKey: null,
    owner: null,
    ...overrides,
  };
}

export function reportOf(outcomes: ProjectOutcome[]): AuditReport {
  return buildReport({
    site: 'https://acme.atlassian.net',
    generatedAt: new Date('2026-01-02T03:04:05.678Z'),
    policy: describePolicy(defaultPolicy(), null),
    outcomes,
  });
}

type Coverage = Extract<ProjectOutcome, { ok: true }>['report']['coverage'];

export function projectWith(
  key: string,
  gaps: Gap[],
  coverage: Coverage = { strategyIssues: 4, withPm: 3, executionIssues: 10, withPo: 7 },
): ProjectOutcome {
  return { key, ok: true, report: { coverage, gaps, waived: [] } };
}
