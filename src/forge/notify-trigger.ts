// The hourly scheduled trigger (manifest: role-split-notify-hourly): queues each project whose notification
// hour this is (src/app/notify/start-run.ts). Forge may run it twice in an hour; both make the same run.
import { registeredProjects } from '../app/enablement';
import { startRun } from '../app/notify/start-run';
import { notifyPorts } from './notify-ports';
import { forgeStore } from './store';

/** Forge's default limit for a scheduled trigger is 55 s: the Jira calls stop well inside it. */
const JIRA_BUDGET_MS = 45_000;

export async function notifyHourly(): Promise<{ runId: string; queued: number }> {
  const started = Date.now();
  const ports = notifyPorts({ jiraDeadlineAt: started + JIRA_BUDGET_MS });
  const result = await startRun(ports, await registeredProjects(forgeStore));
  ports.log({ event: 'role-split.notify.run', ...result, durationMs: Date.now() - started });
  return { runId: result.runId, queued: result.queued };
}
