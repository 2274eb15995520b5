// Jira product events for the manifest's `trigger` modules. The embedded site reports every issue change
// (`state.onIssueEvent`); this turns one into Forge's event shape (`avi:jira:<created|updated|deleted>:issue`
// with `issue`, `atlassianId`, `associatedUsers`, and a `changelog` for updates) and picks the triggers that
// listen for it. Entity-property-only changes are not Jira issue events, so they reach no trigger here either.
import { z } from 'zod';
import type { TriggerDef } from './manifest';

export interface SiteIssueEvent {
  type: 'created' | 'updated' | 'deleted';
  issue: unknown;
  actorAccountId: string | null;
  changed: string[];
}

export interface ForgeIssueEvent {
  eventType: string;
  issue: { id: string; key: string; fields: Record<string, unknown> };
  atlassianId?: string;
  associatedUsers: Array<{ accountId: string }>;
  changelog?: { items: Array<{ field: string; fieldId: string }> };
}

const issueSchema = z
  .object({ id: z.string(), key: z.string(), fields: z.record(z.string(), z.unknown()).default({}) })
  .loose();

export function forgeEventOf(event: SiteIssueEvent): ForgeIssueEvent | null {
  const fieldChanges = event.changed.filter((c) => !c.startsWith('property:'));
  if (event.type === 'updated' && fieldChanges.length === 0) return null;
  const issue = issueSchema.safeParse(event.issue);
  if (!issue.success) return null;
  return {
    eventType: `avi:jira:${event.type}:issue`,
    issue: { id: issue.data.id, key: issue.data.key, fields: issue.data.fields },
    ...(event.actorAccountId ? { atlassianId: event.actorAccountId } : {}),
    associatedUsers: event.actorAccountId ? [{ accountId: event.actorAccountId }] : [],
    ...(event.type === 'updated'
      ? { changelog: { items: fieldChanges.map((f) => ({ field: f, fieldId: f })) } }
      : {}),
  };
}

/** The triggers that receive `event`; `ignoreSelf` ones skip what the app itself did. */
export function triggersFor(
  triggers: TriggerDef[],
  event: ForgeIssueEvent,
  appAccountId: string | null,
): TriggerDef[] {
  return triggers.filter(
    (t) =>
      t.events.includes(event.eventType) &&
      !(t.ignoreSelf && appAccountId !== null && event.atlassianId === appAccountId),
  );
}
