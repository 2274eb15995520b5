// The scan run's Jira side, bound to the parallel scan's phases (src/app/scan/): id-only pages, bulk fetch in
// parallel batches, related issues outside the set.
import type { JiraClient } from '../../jira/types';
import { fetchIssues, readChildrenForScan, readMissingAncestorsForScan, scanJql } from '../scan';
import type { Clock } from '../ports';
import type { ScanEngine } from './ports';

export function createScanEngine(jira: JiraClient, clock: Clock): ScanEngine {
  return {
    jql: (projectKey, policy, updatedSince) =>
      scanJql(projectKey, policy, updatedSince ? { updatedSince, now: clock.now() } : {}),
    idPage: (jql, nextPageToken) => jira.searchIdsPage(jql, nextPageToken),
    fetch: async (ids, batches, onBatch) => {
      const { failed } = await fetchIssues(jira, ids, { batches: [...batches], onBatch });
      return { failed };
    },
    ancestors: (known) => readMissingAncestorsForScan(jira, known),
    children: (keys, known) => readChildrenForScan(jira, keys, known),
  };
}
