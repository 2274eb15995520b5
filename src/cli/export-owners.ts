// `role-split export-owners`: a project's owners as the owners file `role-split assign --file` reads, so that
// exporting and importing again changes nothing (every row `unchanged`). Only the slot each issue has is
// exported — the PM of a strategy issue, the PO of an in-scope execution issue, Done issues included (their
// owners can still be corrected) — and only when it is held: a slot on the wrong level (ROLE_MISPLACED) or on
// an issue out of scope would be refused on import, and a damaged property has no owner to export. Names and
// emails ride along for people reading the file (assign ignores them); emails Jira withholds stay empty.
import { slotOf } from '../app/bulk/plan-writes';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, toIssueFacts } from '../app/issue-facts';
import { readOwnership } from '../domain/ownership';
import type { Clock } from '../app/ports';
import type { JiraClient } from '../jira/types';
import { EXIT_OK, EXIT_TROUBLE, describeProjectFailure, describeStartFailure, type ExitCode } from './audit';
import { formatOwnersCsv, type ExportRow } from './owners-csv';
import { projectPolicy } from './policy';

export interface ExportContext {
  jira: JiraClient;
  clock: Clock;
  site: string;
  demoProjectKeys?: readonly string[];
}

export type ExportRun =
  | { ok: true; csv: string; exitCode: ExitCode; warnings: string[] }
  | { ok: false; exitCode: ExitCode; message: string };

export async function runExportOwners(
  context: ExportContext,
  projectKey: string,
  executionTypes: string[] | null,
): Promise<ExportRun> {
  const { jira } = context;
  try {
    await jira.getMyself();
  } catch (error) {
    return { ok: false, exitCode: EXIT_TROUBLE, message: describeStartFailure(error, context.site) };
  }
  const warnings: string[] = [];
  const rows: ExportRow[] = [];
  let damaged = 0;
  try {
    const project = await jira.getProject(projectKey);
    const read = await projectPolicy(jira, project.key, {
      pmRole: null,
      poRole: null,
      executionTypes,
      includeDone: null,
    });
    if (read.warning !== null) warnings.push(read.warning);
    const search = jira.searchAll({
      jql: `project = "${project.key}" ORDER BY key ASC`,
      fields: ISSUE_FIELDS,
      properties: ISSUE_PROPERTIES,
    });
    for await (const page of search) {
      for (const issue of page) {
        const facts = toIssueFacts(issue);
        const slot = slotOf(facts, read.policy);
        if (!('slot' in slot)) continue;
        const reading = readOwnership(facts.ownership);
        if (reading.kind === 'invalid') {
          damaged += 1;
          continue;
        }
        const owner = reading.kind === 'valid' ? reading.ownership[slot.slot] : undefined;
        if (!owner) continue;
        rows.push({
          issueKey: facts.key,
          role: slot.slot,
          accountId: owner.accountId,
          displayName: '',
          email: '',
          summary: facts.summary,
        });
      }
    }
    // One `user/bulk` per 50 people: names, and emails where the person's privacy settings show them.
    const users = new Map((await jira.getUsers(rows.map((r) => r.accountId))).map((u) => [u.accountId, u]));
    for (const row of rows) {
      row.displayName = users.get(row.accountId)?.displayName ?? '';
      row.email = users.get(row.accountId)?.emailAddress ?? '';
    }
  } catch (error) {
    return {
      ok: false,
      exitCode: EXIT_TROUBLE,
      message: describeProjectFailure(error, projectKey, context.demoProjectKeys),
    };
  }
  if (damaged > 0) {
    warnings.push(
      `warning: ${damaged} issue${damaged === 1 ? '' : 's'} of ${projectKey} ha${damaged === 1 ? 's' : 've'} a damaged ownership record: not exported (see role-split audit, OWNERSHIP_INVALID).`,
    );
  }
  return { ok: true, csv: formatOwnersCsv(rows), exitCode: EXIT_OK, warnings };
}
