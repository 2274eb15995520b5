// The human form of the assign report: at most 80 columns, a summary, then the refused rows with why and what
// to do (they are what needs a person's attention), then every other row on one line each, with its message
// (if any) wrapped below it as for refused rows. A cell longer than its column is cut with "…"; the full text
// is in the JSON form.
import type { AssignReport, AssignResult } from './assign-report';
import { fit, sanitizeForTerminal, truncate, wrap } from './text-width';

export const ASSIGN_TABLE_WIDTH = 80;
const INDENT = '  ';

function plural(n: number, word: string): string {
  return `${n} ${word}`;
}

function summaryLine(report: AssignReport): string {
  const s = report.summary;
  const verb = report.dryRun ? 'would be ' : '';
  return [
    plural(s.assigned, `${verb}assigned`),
    plural(s.cleared, `${verb}cleared`),
    plural(s.unchanged, 'unchanged'),
    plural(s.refused, 'refused'),
  ].join(', ');
}

function where(r: AssignResult): string {
  return r.line === null ? '-' : String(r.line);
}

function row(r: AssignResult, width: number): string {
  const role = r.role ?? '?';
  const who = r.accountId ?? (r.outcome === 'cleared' ? '(cleared)' : '-');
  const fixed = `${INDENT}${fit(where(r), 5)} ${fit(sanitizeForTerminal(r.issueKey), 12)} ${fit(role, 4)} ${fit(r.outcome, 10)} `;
  return `${fixed}${truncate(sanitizeForTerminal(r.reason ?? who), Math.max(8, width - fixed.length))}`.trimEnd();
}

export function formatAssignTable(report: AssignReport, width: number = ASSIGN_TABLE_WIDTH): string {
  const title = report.dryRun ? 'Role Split assign (dry run: nothing written)' : 'Role Split assign';
  // Wrapped rather than cut: the site and the time are what tell one run's report from another's.
  const lines = [
    ...wrap(
      sanitizeForTerminal(`${title} on ${report.site} at ${report.generatedAt.replace(/\.\d+Z$/, 'Z')}`),
      width,
    ),
    `${summaryLine(report)}.`,
  ];
  const header = `${INDENT}${fit('LINE', 5)} ${fit('ISSUE', 12)} ${fit('ROLE', 4)} ${fit('OUTCOME', 10)} `;
  const refused = report.results.filter((r) => r.outcome === 'refused');
  if (refused.length > 0) {
    lines.push('', `${INDENT}Refused`, `${header}REASON`);
    for (const r of refused) {
      lines.push(row(r, width));
      if (r.message !== null) lines.push(...wrap(sanitizeForTerminal(r.message), width, INDENT.repeat(4)));
    }
  }
  const rest = report.results.filter((r) => r.outcome !== 'refused');
  if (rest.length > 0) {
    lines.push('', `${INDENT}${report.dryRun ? 'Would apply' : 'Applied'}`, `${header}ACCOUNT`);
    for (const r of rest) {
      lines.push(row(r, width));
      // E.g. a held slot a fill-only run left as it is: the JSON says why, so the table does too.
      if (r.message !== null) lines.push(...wrap(sanitizeForTerminal(r.message), width, INDENT.repeat(4)));
    }
  }
  if (report.results.length === 0) lines.push('', `${INDENT}No rows.`);
  return `${lines.join('\n')}\n`;
}
