// The parallel scan, in phases a caller can run together (scanProject) or apart (the queue consumer, which
// checkpoints between them): find ids, fetch issues, read related issues, evaluate.
export { scanJql, childrenJql, type ScanJqlOptions } from './scan-jql';
export { findIssueIds, allIssueIds } from './find-ids';
export {
  fetchIssues,
  batchCount,
  FETCH_BATCH_SIZE,
  DEFAULT_FETCH_CONCURRENCY,
  ISSUE_ERROR_ATTEMPTS,
  type FetchIssuesOptions,
  type FetchIssuesResult,
} from './fetch-issues';
export {
  readRelatedForScan,
  readMissingAncestorsForScan,
  readChildrenForScan,
  strategyIssuesWithoutStories,
} from './read-related-for-scan';
export {
  evaluateScan,
  evaluateWithPeople,
  readScanPeople,
  type ScanPeople,
  type EvaluateScanInput,
  type EvaluateScanOutcome,
  type ScannedProject,
} from './evaluate-scan';
export { ownersNamed, readAccounts } from './accounts';
