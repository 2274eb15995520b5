// Sort keys stored with each record so Forge's index range orders a page exactly as the engine's report does
// (src/domain/gap-order.ts): errors before warnings, then the rules table's order, then project key in code-unit
// order, then issue number numerically, then the raw key. The store compares strings, so every part is fixed
// width or ends in a separator that sorts below any character a Jira key may hold ('!' < 0-9, A-Z, _).
import { CODE_INDEX, numberOfKey, projectOfKey, severityRank } from '../../domain/gap-order';
import type { GapCode, Severity } from '../../domain/model';

const NUMBER_WIDTH = 16;
/** Keys without a number sort after every numbered key of their project, as compareIssueKeys puts them. */
const NO_NUMBER = '~';

/** An issue key's position among keys: project, then number, then the key itself. */
export function issueOrderKey(issueKey: string): string {
  const number = numberOfKey(issueKey);
  const digits = Number.isNaN(number) ? NO_NUMBER : String(number).padStart(NUMBER_WIDTH, '0');
  return `${projectOfKey(issueKey)}!${digits}!${issueKey}`;
}

/** A gap's position in the report. */
export function gapSortKey(severity: Severity, code: GapCode, issueKey: string): string {
  return `${severityRank(severity)}${String(CODE_INDEX[code]).padStart(2, '0')}!${issueOrderKey(issueKey)}`;
}
