// The scan queue's consumer (manifest: consumer role-split-scan-consumer, function scan-consumer). Forge runs at
// most one per project (the push's concurrency key) and retries a delivery that throws or times out; the run
// (src/app/scan-job/run-scan.ts) checkpoints after each step, starts no step after the soft deadline below and
// continues itself with a new message, so no invocation comes near the function's time limit.
import { z } from 'zod';
import { handleScanMessage } from '../app/scan-job/run-scan';
import type { ScanMessage } from '../app/scan-job/ports';
import { scanJobPorts } from './scan-ports';

/** The manifest's `timeoutSeconds` for scan-consumer. */
export const SCAN_CONSUMER_TIMEOUT_S = 300;
/** No new step starts after this much of the invocation (a step takes seconds: an id page, ten batches). */
const SOFT_BUDGET_MS = 200_000;
/** Jira calls stop waiting (retries, Retry-After) well before Forge stops the function. */
const JIRA_BUDGET_MS = 270_000;

const id = z.string().min(1).max(64);
const messageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('scan'),
    projectId: id,
    projectKey: id,
    scan: z.enum(['full', 'incremental']),
    requestId: id,
  }),
  z.object({ kind: z.literal('continue'), projectId: id, projectKey: id, runId: id }),
]);

export async function scanConsumer(event: { body?: unknown }): Promise<void> {
  const started = Date.now();
  const parsed = messageSchema.safeParse(event.body);
  if (!parsed.success) {
    // Retrying a message this version cannot read would fail the same way: log it and let it go.
    console.error('Role Split scan consumer: unreadable message', parsed.error.issues.slice(0, 3));
    return;
  }
  const message: ScanMessage = parsed.data;
  const ports = scanJobPorts({ jiraDeadlineAt: started + JIRA_BUDGET_MS });
  const outcome = await handleScanMessage(ports, message, { deadline: started + SOFT_BUDGET_MS });
  console.log(
    JSON.stringify({
      event: 'role-split.scan',
      outcome: outcome.kind,
      ...(outcome.kind === 'skipped'
        ? { reason: outcome.reason }
        : { phase: outcome.job.phase, state: outcome.job.state, issues: outcome.job.done }),
      durationMs: Date.now() - started,
    }),
  );
}
