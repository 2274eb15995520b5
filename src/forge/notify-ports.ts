// The ports a notification run gets inside Forge: Jira as the app and, for the recipient stage, as the recipient
// through offline impersonation (`asUser(accountId)`, which needs `allowImpersonation` on the read scope in
// manifest.yml and an admin's consent at install or upgrade), the app's storage, the stored results, and the two
// notification queues over @forge/events (each push carrying its concurrency key).
import { randomUUID } from 'node:crypto';
import { asApp, asUser, getAppContext } from '@forge/api';
import { Queue } from '@forge/events';
import type { NotifyMessage, NotifyPorts, NotifyQueue } from '../app/notify/ports';
import { createJiraClient } from '../jira/client';
import { forgeTransport } from '../jira/transport-forge';
import { forgeEntityStore } from './entity-store';
import { forgeScanQueue } from './scan-queue';
import { forgeStore } from './store';

export const NOTIFY_PROJECT_QUEUE = 'role-split-notify-project';
export const NOTIFY_RECIPIENT_QUEUE = 'role-split-notify-recipient';

/** One project stage at a time per project; one recipient stage at a time per person (never two emails at once). */
export function notifyConcurrencyKey(message: NotifyMessage): string {
  switch (message.kind) {
    case 'project':
      return `notify-project:${message.projectId}`;
    case 'finalize':
      return `notify-finalize:${message.runId}`;
    case 'recipient':
      return `notify:${message.accountId}`;
  }
}

export function forgeNotifyQueue(): NotifyQueue {
  const projects = new Queue({ key: NOTIFY_PROJECT_QUEUE });
  const recipients = new Queue({ key: NOTIFY_RECIPIENT_QUEUE });
  return {
    async push(messages, options = {}) {
      const event = (message: NotifyMessage) => ({
        body: { ...message },
        concurrency: { key: notifyConcurrencyKey(message), limit: 1 },
        ...(options.delaySeconds ? { delayInSeconds: options.delaySeconds } : {}),
      });
      const toRecipients = messages.filter((m) => m.kind === 'recipient').map(event);
      const toProjects = messages.filter((m) => m.kind !== 'recipient').map(event);
      if (toProjects.length > 0) await projects.push(toProjects);
      if (toRecipients.length > 0) await recipients.push(toRecipients);
    },
  };
}

/** The project's Alignment page: `/jira/{software|core}/projects/{key}/apps/{appId}/{environmentId}`. */
function pageUrl(siteUrl: string, project: { key: string; projectTypeKey: string }): string | null {
  try {
    const context = getAppContext();
    const type = project.projectTypeKey === 'business' ? 'core' : 'software';
    return `${siteUrl}/jira/${type}/projects/${encodeURIComponent(project.key)}/apps/${context.appAri.appId}/${context.environmentAri.environmentId}`;
  } catch {
    return null;
  }
}

export function notifyPorts(options: { jiraDeadlineAt: number }): NotifyPorts {
  const clientOptions = { deadlineAt: options.jiraDeadlineAt };
  return {
    jira: createJiraClient(forgeTransport(asApp()), clientOptions),
    jiraAs: (accountId) => createJiraClient(forgeTransport(asUser(accountId)), clientOptions),
    store: forgeStore,
    entities: forgeEntityStore,
    clock: { now: () => new Date() },
    queue: forgeNotifyQueue(),
    scanQueue: forgeScanQueue(),
    newId: () => randomUUID(),
    pageUrl,
    log: (event) => console.log(JSON.stringify(event)),
  };
}
