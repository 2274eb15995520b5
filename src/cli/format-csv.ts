// The CSV form of the audit report: one row per gap. Columns and escaping live in src/contract/csv.ts, shared
// with the Alignment page's export.
import { CSV_HEADER, csvRow } from '../contract/csv';
import type { AuditReport } from './report';

export { CSV_HEADER, csvField, csvRow, neutraliseFormula } from '../contract/csv';

export function formatCsv(report: AuditReport): string {
  let out = csvRow(CSV_HEADER);
  for (const project of report.projects) {
    for (const gap of project.gaps) {
      out += csvRow([
        project.key,
        gap.code,
        gap.severity,
        gap.issueKey,
        gap.issueType,
        gap.summary,
        gap.epicKey ?? '',
        gap.owner?.accountId ?? '',
        gap.owner?.displayName ?? '',
      ]);
    }
  }
  return out;
}
