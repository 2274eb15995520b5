// What one issue adds to the project's figures: its slot to coverage, its open gaps to the counts by code, its
// waived gaps to the waived count. A viewer's figures are the summary minus the contributions of the issues
// hidden from them; the issue panel's patch swaps an issue's old contribution for its new one.
import type { Coverage } from '../../domain/model';
import type { IssueRecord } from './records';
import { addCount, type ResultSummary } from './summary';

export type Figures = Pick<ResultSummary, 'coverage' | 'byCode' | 'waivedCount' | 'inScopeCount'>;

/** `figures` with `record`'s contribution added (`sign` 1) or taken away (`sign` -1), as a new value. */
export function withContribution(figures: Figures, record: IssueRecord, sign: 1 | -1): Figures {
  const coverage: Coverage = { ...figures.coverage };
  const byCode = { ...figures.byCode };
  let { waivedCount, inScopeCount } = figures;
  if (record.kind !== 'out-of-scope') {
    inScopeCount += sign;
    if (record.kind === 'strategy') {
      coverage.strategyIssues += sign;
      if (record.covered) coverage.withPm += sign;
    } else {
      coverage.executionIssues += sign;
      if (record.covered) coverage.withPo += sign;
    }
    for (const gap of record.gaps) addCount(byCode, gap.code, sign);
    waivedCount += sign * record.waived.length;
  }
  // Never below zero, even if a concurrent patch and a read disagree for a moment.
  for (const k of Object.keys(coverage) as Array<keyof Coverage>) coverage[k] = Math.max(0, coverage[k]);
  return { coverage, byCode, waivedCount: Math.max(0, waivedCount), inScopeCount: Math.max(0, inScopeCount) };
}
