// The human form of the audit report, for a terminal or a CI log: at most 80 columns, a summary block per
// project (coverage and counts), then its gaps grouped by severity in the engine's order. Anything longer than
// its column is cut with "…"; the full text is in the JSON and CSV forms.
import { coveragePercent } from '../domain/coverage';
import type { Gap } from '../domain/model';
import type { AuditReport, ProjectReport, ReportPolicy, RoleSourceReport } from './report';
import { displayWidth, fit, sanitizeForTerminal, truncate, wrap } from './text-width';

export const TABLE_WIDTH = 80;

const INDENT = '  ';
const MAX_KEY_WIDTH = 14;
const MAX_OWNER_WIDTH = 16;

/** "12 of 17 (70%)": the domain's percentage, so the CLI and the app's UI always show the same figure. */
function coverage(part: number, whole: number): string {
  const percent = coveragePercent(part, whole);
  return percent === null ? `${part} of ${whole}` : `${part} of ${whole} (${percent}%)`;
}

function roleSource(label: string, source: RoleSourceReport): string {
  if (source.source === 'roster-file') {
    const n = source.accountIds.length;
    return `${label} from the roster file (${n} ${n === 1 ? 'person' : 'people'})`;
  }
  if (source.projectRoles.length === 0) return `${label} from groups or named people (the stored policy)`;
  const names = source.projectRoles.map((r) => `"${r}"`).join(', ');
  return `${label} = project role ${names}`;
}

function policyLines(policy: ReportPolicy, width: number): string[] {
  const disabled = Object.entries(policy.rules)
    .filter(([, rule]) => !rule.enabled)
    .map(([code]) => code);
  const text = [
    `Policy: ${roleSource('PM', policy.roles.pm)}; ${roleSource('PO', policy.roles.po)};`,
    `types ${policy.executionTypes.join(', ')}; done issues ${policy.includeDone ? 'included' : 'excluded'};`,
    `grace period ${policy.graceDays} days; no waivers;`,
    disabled.length === 0 ? 'all rules on, default severities.' : `rules off: ${disabled.join(', ')}.`,
  ].join(' ');
  const [first = '', ...rest] = wrap(sanitizeForTerminal(text), width);
  return [first, ...rest.flatMap((line) => wrap(line, width, INDENT))];
}

function ownerLabel(gap: Gap): string {
  if (gap.owner === null) return '-';
  return sanitizeForTerminal(gap.owner.displayName ?? `unknown ${gap.owner.accountId}`);
}

// Wide enough for the longest label plus a space. Strategy issues are every level >= 1 (epics, and initiatives
// above them), so the label names both rather than undercount what the figure covers.
const PM_LABEL = 'Epics & initiatives with a PM';
const LABEL_WIDTH = PM_LABEL.length + 1;

function summaryBlock(project: ProjectReport, width: number): string[] {
  const s = project.summary;
  const line = (label: string, value: string): string => `${INDENT}${label.padEnd(LABEL_WIDTH)}${value}`;
  const errors = project.gaps.filter((g) => g.severity === 'error').length;
  const warnings = project.gaps.length - errors;
  const lines = [
    line(PM_LABEL, coverage(s.withPm, s.strategyIssues)),
    line('Stories with a PO', coverage(s.withPo, s.executionIssues)),
    line(
      'Gaps',
      `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`,
    ),
  ];
  const byCode = Object.entries(s.byCode)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  if (byCode !== '') lines.push(...wrap(byCode, width, ' '.repeat(INDENT.length + LABEL_WIDTH)));
  return lines;
}

function gapRows(project: ProjectReport, width: number): string[] {
  if (project.gaps.length === 0) return [`${INDENT}No gaps.`];
  const codeWidth = Math.max(4, ...project.gaps.map((g) => g.code.length));
  const keyWidth = Math.min(MAX_KEY_WIDTH, Math.max(5, ...project.gaps.map((g) => displayWidth(g.issueKey))));
  const ownerWidth = Math.min(
    MAX_OWNER_WIDTH,
    Math.max(5, ...project.gaps.map((g) => displayWidth(ownerLabel(g)))),
  );
  const summaryWidth = Math.max(8, width - INDENT.length - codeWidth - keyWidth - ownerWidth - 3);
  const row = (code: string, key: string, owner: string, summary: string): string =>
    `${INDENT}${fit(code, codeWidth)} ${fit(key, keyWidth)} ${fit(owner, ownerWidth)} ${truncate(summary, summaryWidth)}`.trimEnd();

  const lines: string[] = [];
  for (const [severity, title] of [
    ['error', 'Errors'],
    ['warning', 'Warnings'],
  ] as const) {
    const gaps = project.gaps.filter((g) => g.severity === severity);
    if (gaps.length === 0) continue;
    lines.push('', `${INDENT}${title}`, row('CODE', 'ISSUE', 'OWNER', 'SUMMARY'));
    for (const gap of gaps) {
      lines.push(
        row(gap.code, sanitizeForTerminal(gap.issueKey), ownerLabel(gap), sanitizeForTerminal(gap.summary)),
      );
    }
  }
  return lines;
}

function projectSection(project: ProjectReport, width: number): string[] {
  if (project.error !== null) {
    return [`${project.key}: could not be read`, ...wrap(sanitizeForTerminal(project.error), width, INDENT)];
  }
  return [project.key, ...summaryBlock(project, width), ...gapRows(project, width)];
}

export function formatTable(report: AuditReport, width: number = TABLE_WIDTH): string {
  const header = truncate(
    sanitizeForTerminal(
      `Role Split audit of ${report.site} at ${report.generatedAt.replace(/\.\d+Z$/, 'Z')}`,
    ),
    width,
  );
  const lines = [header, ...policyLines(report.policy, width)];
  for (const project of report.projects) lines.push('', ...projectSection(project, width));
  return `${lines.join('\n')}\n`;
}
