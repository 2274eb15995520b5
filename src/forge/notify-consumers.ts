// The two notification queues' consumers (manifest: role-split-notify-project-consumer and
// role-split-notify-recipient-consumer). A delivery that throws is retried by Forge; both stages are safe to run
// again (src/app/notify/: the project stage rewrites the same buckets, the recipient stage finds its claim).
import { z } from 'zod';
import { dispatchRecipients, handleProjectMessage } from '../app/notify/project-stage';
import { handleRecipientMessage } from '../app/notify/recipient-stage';
import { notifyPorts } from './notify-ports';

/** The manifest's `timeoutSeconds` for both functions; Jira calls stop well before. */
export const NOTIFY_CONSUMER_TIMEOUT_S = 120;
const JIRA_BUDGET_MS = 100_000;

const id = z.string().min(1).max(128);
const projectMessage = z.union([
  z.object({
    kind: z.literal('project'),
    runId: id,
    projectId: id,
    projectKey: id,
    attempt: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('finalize'), runId: id }),
]);
const recipientMessage = z.object({
  kind: z.literal('recipient'),
  runId: id,
  accountId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9:_-]+$/),
});

export async function notifyProjectConsumer(event: { body?: unknown }): Promise<void> {
  const started = Date.now();
  const parsed = projectMessage.safeParse(event.body);
  if (!parsed.success) {
    console.error('Role Split notify consumer: unreadable message', parsed.error.issues.slice(0, 3));
    return;
  }
  const ports = notifyPorts({ jiraDeadlineAt: started + JIRA_BUDGET_MS });
  if (parsed.data.kind === 'finalize') {
    const recipients = await dispatchRecipients(ports, parsed.data.runId);
    ports.log({ event: 'role-split.notify.finalize', runId: parsed.data.runId, recipients });
    return;
  }
  const result = await handleProjectMessage(ports, parsed.data);
  ports.log({
    event: 'role-split.notify.project',
    runId: parsed.data.runId,
    projectId: parsed.data.projectId,
    ...result,
    durationMs: Date.now() - started,
  });
}

export async function notifyRecipientConsumer(event: { body?: unknown }): Promise<void> {
  const started = Date.now();
  const parsed = recipientMessage.safeParse(event.body);
  if (!parsed.success) {
    console.error('Role Split notify consumer: unreadable message', parsed.error.issues.slice(0, 3));
    return;
  }
  const ports = notifyPorts({ jiraDeadlineAt: started + JIRA_BUDGET_MS });
  const outcome = await handleRecipientMessage(ports, parsed.data);
  ports.log({
    event: 'role-split.notify.recipient',
    runId: parsed.data.runId,
    outcome,
    durationMs: Date.now() - started,
  });
}
