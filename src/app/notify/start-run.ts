// The hourly trigger's work: find the projects due this hour (Role Split and notifications on, this hour on one
// of their weekdays in their time zone) and queue one project-stage message each, plus the run's safety net.
// Forge may run the trigger twice in an hour: both make the same run (runIdAt), the run record is merged, and a
// project already done for the run is not queued again.
import type { RegisteredProject } from '../enablement';
import { mapLimit } from '../map-limit';
import { runIdAt, runKey, projectRunKey } from './keys';
import type { NotifyMessage, NotifyPorts } from './ports';
import { FINALIZE_DELAY_SECONDS, runRecordSchema } from './project-stage';
import { isDueAt, readProjectNotifySettings } from './settings';

const SETTINGS_READS_IN_FLIGHT = 5;

export async function startRun(
  ports: NotifyPorts,
  projects: readonly RegisteredProject[],
): Promise<{ runId: string; queued: number; errors: number }> {
  const now = ports.clock.now();
  const runId = runIdAt(now);
  let errors = 0;
  // A few at a time: a site with many enabled projects still fits the trigger's 55 s.
  const checked = await mapLimit(projects, SETTINGS_READS_IN_FLIGHT, async (project) => {
    try {
      const read = await readProjectNotifySettings(ports.jira, project.projectId);
      return read.enabled && isDueAt(read.settings, now) ? project : null;
    } catch (error) {
      // One project's settings that cannot be read must not stop the others' reminders.
      errors += 1;
      ports.log({
        event: 'role-split.notify.settings-unreadable',
        projectId: project.projectId,
        error: String(error),
      });
      return null;
    }
  });
  const due = checked.filter((p): p is RegisteredProject => p !== null);
  if (due.length === 0) return { runId, queued: 0, errors };
  const existing = runRecordSchema.safeParse(await ports.store.get<unknown>(runKey(runId)));
  const ids = [
    ...new Set([...(existing.success ? existing.data.projects : []), ...due.map((p) => p.projectId)]),
  ];
  // Written before any project is queued: a project stage finishing reads it to know whether it was the last.
  await ports.store.set(runKey(runId), { at: now.toISOString(), projects: ids }, { ttlSeconds: 30 * 86_400 });
  const messages: NotifyMessage[] = [];
  for (const project of due) {
    if ((await ports.store.get(projectRunKey(runId, project.projectId))) !== undefined) continue;
    messages.push({
      kind: 'project',
      runId,
      projectId: project.projectId,
      projectKey: project.projectKey,
      attempt: 0,
    });
  }
  for (let i = 0; i < messages.length; i += 50) await ports.queue.push(messages.slice(i, i + 50));
  if (!existing.success)
    await ports.queue.push([{ kind: 'finalize', runId }], { delaySeconds: FINALIZE_DELAY_SECONDS });
  return { runId, queued: messages.length, errors };
}
