// The last few scans that failed for good (a roster Jira would not give, say), newest first, for the settings
// page's health box. The job record and the last-run record keep only the latest run, so a failure followed by
// a success would otherwise leave no trace. Written by the run that fails; a run written twice (a delivery
// retried after the write) is recorded once.
import { z } from 'zod';
import type { ScanFailureView } from '../../contract/settings';
import type { KeyValueStore } from '../ports';

export const MAX_SCAN_FAILURES = 5;

export function scanFailuresKey(projectId: string): string {
  return `scan-failures:${projectId}`;
}

const failureSchema = z.object({
  runId: z.string(),
  at: z.string(),
  code: z.string(),
  message: z.string(),
});
type ScanFailure = z.infer<typeof failureSchema>;

async function load(store: KeyValueStore, projectId: string): Promise<ScanFailure[]> {
  const parsed = z.array(failureSchema).safeParse(await store.get<unknown>(scanFailuresKey(projectId)));
  return parsed.success ? parsed.data : [];
}

export async function recordScanFailure(
  store: KeyValueStore,
  projectId: string,
  failure: ScanFailure,
): Promise<void> {
  const earlier = (await load(store, projectId)).filter((f) => f.runId !== failure.runId);
  await store.set(scanFailuresKey(projectId), [failure, ...earlier].slice(0, MAX_SCAN_FAILURES));
}

/** The recorded failures, newest first (a damaged record reads as none). */
export async function loadScanFailures(store: KeyValueStore, projectId: string): Promise<ScanFailureView[]> {
  return (await load(store, projectId)).map(({ at, code, message }) => ({ at, code, message }));
}
