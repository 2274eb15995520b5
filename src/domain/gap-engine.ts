// The gap engine: from the facts of a scan to the report every surface shows (panel, alignment page, emails,
// exports, CLI). It explains every in-scope issue with `explain` (the rules themselves live in rules.ts) and
// collects the failing outcomes as gaps, the waived ones aside, and the covered slots as coverage. Pure and
// total: whatever the input (missing parents, cycles, duplicate keys, garbage dates, malformed properties) it
// returns a report and never throws.
import { explainIn, gapsOf, ruleContext, scopeIn, type EngineInput } from './explain';
import { CODE_INDEX, severityRank, sortInKeyOrder } from './gap-order';
import type { Coverage, EngineResult, Gap, GapReport } from './model';

export type { EngineInput } from './explain';
export { checksFor, RULES_FOR_KIND, type Check } from './rules';

export function evaluateGaps(input: EngineInput): EngineResult {
  const prepared = ruleContext(input);
  if (!prepared.ok) return prepared;
  const { context } = prepared;

  const coverage: Coverage = { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0 };
  const report: GapReport = { coverage, gaps: [], waived: [] };
  // Of a duplicated key only the first occurrence is checked (`known` holds it), so no gap is reported twice.
  const checked = input.issues.filter(
    (issue) => context.known.get(issue.key) === issue && scopeIn(context, issue.key) === 'in-scope',
  );
  // Visiting issues in key order and sorting the gaps stably by severity and rule gives the report order.
  for (const issue of sortInKeyOrder(checked, (i) => i.key)) {
    const explanation = explainIn(context, issue.key);
    if (explanation.kind === 'strategy') {
      coverage.strategyIssues++;
      if (explanation.covered) coverage.withPm++;
    } else {
      coverage.executionIssues++;
      if (explanation.covered) coverage.withPo++;
    }
    const { gaps, waived } = gapsOf(explanation);
    report.gaps.push(...gaps);
    report.waived.push(...waived);
  }
  report.gaps.sort(bySeverityThenRule);
  report.waived.sort(bySeverityThenRule);
  return { ok: true, report };
}

/** Errors before warnings, then the rules table's order; `Array.prototype.sort` is stable, so key order stays. */
function bySeverityThenRule(a: Gap, b: Gap): number {
  return severityRank(a.severity) - severityRank(b.severity) || CODE_INDEX[a.code] - CODE_INDEX[b.code];
}
