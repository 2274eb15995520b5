// The project page's view: a live scan of the project, shaped for rendering. (Snapshots come later: the
// page will then render the stored snapshot instead of scanning on every visit.)
import type { AlignmentView } from '../contract/views';
import type { GapCode } from '../domain/model';
import type { Policy } from '../domain/policy';
import { AppError } from './errors';
import type { ScanPorts } from './ports';
import { scanProject } from './scan-project';

export async function buildAlignment(
  ports: ScanPorts,
  request: { projectKey: string; policy: Policy },
): Promise<AlignmentView> {
  const outcome = await scanProject(ports, request);
  if (!outcome.ok) throw new AppError('ROSTER_UNAVAILABLE', outcome.error.message);
  const { report } = outcome;
  const byCode: Partial<Record<GapCode, number>> = {};
  for (const gap of report.gaps) byCode[gap.code] = (byCode[gap.code] ?? 0) + 1;
  return {
    project: outcome.project,
    scannedAt: outcome.scannedAt,
    issuesRead: outcome.issuesRead,
    coverage: report.coverage,
    byCode,
    gaps: report.gaps,
    waived: report.waived,
  };
}
