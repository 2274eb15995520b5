// The audit report, version 1: the one data structure every output format renders. Its JSON form is a public
// contract (schemas/audit-report.v1.schema.json, documented in the README): add fields only in a new
// schemaVersion, never rename or drop one. Gap fields and order are exactly what the engine produced.
import { GAP_CODES, type Gap, type GapCode, type GapReport, type Severity } from '../domain/model';
import type { Policy, RuleSetting } from '../domain/policy';

export const REPORT_SCHEMA_VERSION = 1;

/** Where the eligible people of a role came from. */
export type RoleSourceReport =
  { source: 'project-roles'; projectRoles: string[] } | { source: 'roster-file'; accountIds: string[] };

/**
 * The policy the CLI applied. What only the app stores (waivers, grace period, per-project rule switches) is
 * not visible from here, so those take the product defaults and the report says so.
 */
export interface ReportPolicy {
  roles: { pm: RoleSourceReport; po: RoleSourceReport };
  executionTypes: string[];
  includeDone: boolean;
  graceDays: number;
  waiversApplied: false;
  rules: Record<GapCode, RuleSetting>;
}

export interface ProjectSummary {
  strategyIssues: number;
  withPm: number;
  executionIssues: number;
  withPo: number;
  /** Every gap code, with 0 for those not found, so a script can read any code without a default. */
  byCode: Record<GapCode, number>;
}

export interface ProjectReport {
  key: string;
  /** null, or why this project could not be read (then the summary is all zeros and `gaps` is empty). */
  error: string | null;
  summary: ProjectSummary;
  gaps: Gap[];
}

export interface AuditReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** The site's origin, or `demo` for the embedded demo site. */
  site: string;
  /** ISO-8601, UTC. */
  generatedAt: string;
  policy: ReportPolicy;
  projects: ProjectReport[];
}

/** The outcome of auditing one project, before it becomes a report entry. */
export type ProjectOutcome =
  { key: string; ok: true; report: GapReport } | { key: string; ok: false; error: string };

export function countByCode(gaps: readonly Gap[]): Record<GapCode, number> {
  const counts = Object.fromEntries(GAP_CODES.map((code) => [code, 0])) as Record<GapCode, number>;
  for (const gap of gaps) counts[gap.code] += 1;
  return counts;
}

function projectReport(outcome: ProjectOutcome): ProjectReport {
  if (!outcome.ok) {
    return {
      key: outcome.key,
      error: outcome.error,
      summary: { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0, byCode: countByCode([]) },
      gaps: [],
    };
  }
  const { coverage, gaps } = outcome.report;
  return {
    key: outcome.key,
    error: null,
    summary: {
      strategyIssues: coverage.strategyIssues,
      withPm: coverage.withPm,
      executionIssues: coverage.executionIssues,
      withPo: coverage.withPo,
      byCode: countByCode(gaps),
    },
    // Copied field by field so nothing the engine may add later (e.g. waiver details) leaks into v1.
    gaps: gaps.map((g) => ({
      code: g.code,
      severity: g.severity,
      issueKey: g.issueKey,
      issueType: g.issueType,
      summary: g.summary,
      epicKey: g.epicKey,
      owner: g.owner === null ? null : { accountId: g.owner.accountId, displayName: g.owner.displayName },
    })),
  };
}

export function describePolicy(
  policy: Policy,
  roster: { pm: readonly string[]; po: readonly string[] } | null,
): ReportPolicy {
  const role = (which: 'pm' | 'po'): RoleSourceReport =>
    roster === null
      ? { source: 'project-roles', projectRoles: [...policy.roles[which].projectRoles] }
      : { source: 'roster-file', accountIds: [...roster[which]] };
  return {
    roles: { pm: role('pm'), po: role('po') },
    executionTypes: [...policy.executionTypes],
    includeDone: policy.includeDone,
    graceDays: policy.graceDays,
    waiversApplied: false,
    rules: policy.rules,
  };
}

export function buildReport(args: {
  site: string;
  generatedAt: Date;
  policy: ReportPolicy;
  outcomes: readonly ProjectOutcome[];
}): AuditReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    site: args.site,
    generatedAt: args.generatedAt.toISOString(),
    policy: args.policy,
    projects: args.outcomes.map(projectReport),
  };
}

/** Whether any gap of the report reaches the severity `--fail-on` names. */
export function reachesSeverity(report: AuditReport, failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return report.projects.some((p) => p.gaps.some((g) => failOn === 'warning' || g.severity === 'error'));
}
