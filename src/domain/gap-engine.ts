// The gap engine: from the facts of a scan to the report every surface shows (panel, alignment page, emails,
// exports, CLI). It explains every in-scope issue with `explain` (the rules themselves live in rules.ts) and
// collects the failing outcomes as gaps, the waived ones aside, and the covered slots as coverage. Pure and
// total: whatever the input (missing parents, cycles, duplicate keys, garbage dates, malformed properties) it
// returns a report and never throws.
import { explainIn, ruleContext, scopeIn, type EngineInput } from './explain';
import { sortInReportOrder } from './gap-order';
import type { Coverage, EngineResult, GapReport } from './model';

export type { EngineInput } from './explain';
export { checksFor, RULES_FOR_KIND, type Check } from './rules';

export function evaluateGaps(input: EngineInput): EngineResult {
  const prepared = ruleContext(input);
  if (!prepared.ok) return prepared;
  const { context } = prepared;

  const coverage: Coverage = { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0 };
  const report: GapReport = { coverage, gaps: [], waived: [] };
  for (const issue of input.issues) {
    // Out-of-scope issues are skipped before they are explained, which would only say "out of scope" nine
    // times. Of a duplicated key only the first occurrence is in scope: no gap is reported twice.
    if (scopeIn(context, issue) !== 'in-scope') continue;
    const explanation = explainIn(context, issue);
    if (explanation.kind === 'strategy') {
      coverage.strategyIssues++;
      if (explanation.covered) coverage.withPm++;
    } else {
      coverage.executionIssues++;
      if (explanation.covered) coverage.withPo++;
    }
    for (const outcome of explanation.outcomes) {
      if (outcome.status === 'fail') report.gaps.push(outcome.gap);
      if (outcome.status === 'waived') report.waived.push({ ...outcome.gap, waiver: outcome.waiver });
    }
  }
  report.gaps = sortInReportOrder(report.gaps);
  report.waived = sortInReportOrder(report.waived);
  return { ok: true, report };
}
