// The bulk assignment queue's consumer (manifest: consumer role-split-bulk-consumer, function bulk-consumer,
// timeoutSeconds 300). Forge runs at most one per project (the push's concurrency key) and redelivers a message
// that throws or times out; the job (src/app/bulk/run-job.ts) saves every item's state after each step, starts
// no batch after the soft deadline below and continues itself with a new message, so a redelivery resumes where
// the last one stopped and writes no issue twice.
import { randomUUID } from 'node:crypto';
import { asApp } from '@forge/api';
import { z } from 'zod';
import type { BulkPorts } from '../app/bulk/ports';
import { handleBulkMessage } from '../app/bulk/run-job';
import { createJiraClient } from '../jira/client';
import { forgeTransport } from '../jira/transport-forge';
import { forgeBulkQueue } from './bulk-queue';
import { policyFor } from './ports';
import { forgeScanQueue } from './scan-queue';
import { forgeStore } from './store';

/** No new batch starts after this much of the invocation (a batch takes a few seconds). */
const SOFT_BUDGET_MS = 200_000;
/** Jira calls stop waiting (retries, Retry-After) well before Forge stops the function at 300 s. */
const JIRA_BUDGET_MS = 270_000;

const id = z.string().min(1).max(64);
const messageSchema = z.object({ kind: z.literal('bulk'), projectId: id, projectKey: id, jobId: id });

/** The consumer's ports: everything as the app (no user is present; the resolver checked the user's rights). */
export function bulkConsumerPorts(options: { jiraDeadlineAt: number }): BulkPorts {
  const jira = createJiraClient(forgeTransport(asApp()), { deadlineAt: options.jiraDeadlineAt });
  return {
    jira,
    // Never used to act for a user here: the consumer has none.
    userJira: jira,
    clock: { now: () => new Date() },
    store: forgeStore,
    queue: forgeBulkQueue(),
    scanQueue: forgeScanQueue(),
    newId: () => randomUUID(),
    policyFor,
  };
}

export async function bulkConsumer(event: { body?: unknown }): Promise<void> {
  const started = Date.now();
  const parsed = messageSchema.safeParse(event.body);
  if (!parsed.success) {
    // Retrying a message this version cannot read would fail the same way: log it and let it go.
    console.error('Role Split bulk consumer: unreadable message', parsed.error.issues.slice(0, 3));
    return;
  }
  const ports = bulkConsumerPorts({ jiraDeadlineAt: started + JIRA_BUDGET_MS });
  const outcome = await handleBulkMessage(ports, parsed.data, { deadline: started + SOFT_BUDGET_MS });
  console.log(JSON.stringify({ event: 'role-split.bulk', ...outcome, durationMs: Date.now() - started }));
}
