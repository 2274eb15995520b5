// Who held each slot when `role-split assign` planned its rows. The shared bulk core (src/app/bulk/assign-rows.ts)
// reads every issue before it plans, but reports only each row's target person; a fill-only row left
// `unchanged` (`--from-field` without `--overwrite`) would then show the field's person as if they held the
// slot. Recording the core's own reads costs no request and names the holder the plan was made from.
import { toIssueFacts } from '../app/issue-facts';
import type { Role } from '../domain/model';
import { readOwnership } from '../domain/ownership';
import type { JiraClient } from '../jira/types';

export interface HolderLog {
  /** The client to hand the core: the same client, its issue reads recorded. */
  jira: JiraClient;
  /**
   * Who held `role` on the issue (key or id) when it was first read: an account id, null when the slot was
   * empty, undefined when the issue was not read or its ownership record does not parse.
   */
  holderOf(issue: string, role: Role): string | null | undefined;
}

export function recordHolders(jira: JiraClient): HolderLog {
  // Only the first read of an issue counts: later ones are the core's read-back after its own writes.
  const seen = new Map<string, Partial<Record<Role, string | null>> | null>();
  const recording = Object.create(jira) as JiraClient;
  recording.bulkFetchIssues = async (request) => {
    const answer = await jira.bulkFetchIssues(request);
    for (const issue of answer.issues) {
      const facts = toIssueFacts(issue);
      if (seen.has(facts.id)) continue;
      const reading = readOwnership(facts.ownership);
      const slots =
        reading.kind === 'invalid'
          ? null
          : {
              pm: reading.kind === 'valid' ? (reading.ownership.pm?.accountId ?? null) : null,
              po: reading.kind === 'valid' ? (reading.ownership.po?.accountId ?? null) : null,
            };
      seen.set(facts.id, slots);
      seen.set(facts.key.toUpperCase(), slots);
    }
    return answer;
  };
  return {
    jira: recording,
    holderOf: (issue, role) => {
      const slots = seen.get(/^\d+$/.test(issue) ? issue : issue.toUpperCase());
      return slots === undefined || slots === null ? undefined : slots[role];
    },
  };
}
