// The JSON form of the audit report (schemas/audit-report.v1.schema.json). Indented for people reading it in
// CI logs; scripts parse it the same either way.
import type { AuditReport } from './report';

export function formatJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
