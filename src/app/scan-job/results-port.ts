// The scan run's stored results, over src/app/results: facts rebuilt from the rs-issue records for incremental
// runs, and the run's report turned into records and written where they changed.
import { buildResults } from '../results/build-results';
import type { IssueRecord } from '../results/records';
import { ResultStore, factsOf, type ResultStorePorts } from '../results/result-store';
import { recordTrendPoint } from '../results/trend-store';
import { applyIncremental } from './incremental';
import type { ResultsPort } from './ports';

export function createResultsPort(ports: ResultStorePorts): ResultsPort & { readonly store: ResultStore } {
  const results = new ResultStore(ports);
  // The records an incremental run loaded, so its write diffs against them without reading them again.
  let loaded: { projectId: string; records: IssueRecord[] } | undefined;
  return {
    store: results,
    async loadFacts(projectId) {
      const records = await results.loadIssueRecords(projectId);
      loaded = { projectId, records };
      return records.map(factsOf);
    },
    async storedIds(projectId) {
      const ids = await results.readScannedIds(projectId);
      return ids ? new Set(ids) : null;
    },
    async write(input) {
      const built = buildResults(input);
      const stored = loaded?.projectId === input.project.id ? loaded.records : undefined;
      loaded = undefined;
      const counts = await results.writeResults(input.project.id, built, {
        ...(stored ? { stored } : {}),
        ...(input.deadline === undefined ? {} : { deadline: input.deadline }),
      });
      return {
        recordsWritten: counts.recordsWritten,
        recordsDeleted: counts.recordsDeleted,
        complete: counts.complete,
      };
    },
    recordTrend: (projectId, day, coverage) => recordTrendPoint(ports.store, projectId, day, coverage),
    applyIncremental: (input) => applyIncremental({ results, entities: ports.entities }, input),
  };
}
