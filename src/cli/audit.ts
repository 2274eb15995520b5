// The audit use case: check the credentials once, check that the --types names (when given) are issue types the
// projects have, then scan each project with the app's own scan and engine (scanProject), one after the other so
// progress and Jira's rate limits stay simple. Each project's policy is its `role-split-policy` property, with
// the policy flags laid over it where given (./policy.ts). A project that cannot be read gets its `error` and exit status 2, but the
// others still report: one bad key must not hide the rest.
import type { ScanPorts } from '../app/ports';
import type { RosterOverride } from '../app/resolve-roster';
import { scanProject, type ScanOutcome, type ScanRequest } from '../app/scan-project';
import { defaultPolicy, type Policy } from '../domain/policy';
import { JiraError, describeJiraError, isJiraError } from '../jira/errors';
import type { JiraClient } from '../jira/types';
import type { AuditOptions, PolicyFlags } from './args';
import { applyPolicyFlags, projectPolicy } from './policy';
import {
  buildReport,
  describePolicy,
  reachesSeverity,
  type AuditReport,
  type ProjectOutcome,
} from './report';

export const EXIT_OK = 0;
export const EXIT_GAPS = 1;
export const EXIT_TROUBLE = 2;
export type ExitCode = typeof EXIT_OK | typeof EXIT_GAPS | typeof EXIT_TROUBLE;

const API_TOKEN_HELP = 'https://id.atlassian.com/manage-profile/security/api-tokens';

export interface AuditContext {
  jira: JiraClient;
  clock: { now(): Date };
  /** What the report's `site` says: the site's origin, or `demo`. */
  site: string;
  roster: RosterOverride | null;
  /**
   * Set for the embedded demo site only: the projects it has. There, an unknown key can only be a typo (the demo
   * signs in as its admin, who sees everything), so the message names the projects instead of blaming JIRA_EMAIL.
   */
  demoProjectKeys?: readonly string[];
  onProgress?: (projectKey: string, issuesRead: number) => void;
  /** The scan to run; the app's own unless a test substitutes it. */
  scan?: (ports: ScanPorts, request: ScanRequest) => Promise<ScanOutcome>;
}

export type AuditResult =
  | { kind: 'fatal'; message: string }
  | {
      kind: 'report';
      report: AuditReport;
      exitCode: ExitCode;
      /** One line each, for stderr: why a project could not be read, or why the run fails CI. */
      messages: string[];
      /** One line each, for stderr, that do not change the exit status (a --types name some projects lack). */
      warnings: string[];
    };

/** The flags over the product defaults: what applies where no project policy could be read. */
export function policyFor(flags: Omit<PolicyFlags, 'rosterFile'>): Policy {
  return applyPolicyFlags(defaultPolicy(), flags);
}

/** Why the run cannot start at all (the credentials check failed), with what to do about it. */
export function describeStartFailure(error: unknown, site: string): string {
  if (!isJiraError(error)) return `Could not start the audit of ${site}: ${oneLine(error)}`;
  switch (error.kind) {
    case 'unauthorized':
      return `${site} did not accept the credentials (HTTP 401): check JIRA_EMAIL and JIRA_API_TOKEN (create a token at ${API_TOKEN_HELP}).`;
    case 'forbidden':
      return `${site} refused the account in JIRA_EMAIL (HTTP 403): check JIRA_EMAIL and JIRA_API_TOKEN, and that this account may use Jira.`;
    case 'not-found':
      return `${site} does not answer as a Jira Cloud site (no /rest/api/3/myself): check --site.`;
    case 'network':
    case 'timeout':
      return `Could not reach ${site}: check --site and the network connection, then run again.`;
    default:
      return `${describeJiraError(error)} (${site})`;
  }
}

/**
 * Why one project could not be read, with what to do about it. `demoProjectKeys` is given only for the demo site,
 * where no JIRA_EMAIL is involved.
 */
export function describeProjectFailure(
  error: unknown,
  projectKey: string,
  demoProjectKeys?: readonly string[],
): string {
  if (!isJiraError(error)) return `Unexpected failure while auditing ${projectKey}: ${oneLine(error)}`;
  switch (error.kind) {
    case 'not-found':
      if (demoProjectKeys !== undefined) {
        return `Project ${projectKey} does not exist on the demo site (projects: ${demoProjectKeys.join(', ')}): check --project.`;
      }
      return `Project ${projectKey} does not exist, or the account in JIRA_EMAIL cannot browse it: check --project.`;
    case 'forbidden':
      return `Jira refused to show ${projectKey} to the account in JIRA_EMAIL (HTTP 403): it needs Browse Projects there.`;
    case 'unauthorized':
      return `Jira stopped accepting the credentials while reading ${projectKey} (HTTP 401): check JIRA_EMAIL and JIRA_API_TOKEN.`;
    case 'rate-limited':
      return `Jira kept limiting the rate of requests while reading ${projectKey} (HTTP 429): run again later.`;
    case 'network':
    case 'timeout':
      return `Lost the connection to Jira while reading ${projectKey}: check the network and run again.`;
    default:
      return `Could not read ${projectKey}: ${describeJiraError(error)}`;
  }
}

export function describeRosterUnavailable(message: string): string {
  return `${oneLine(message)} Run the audit as a project admin, or pass --roster FILE with the eligible account ids of each role.`;
}

function oneLine(value: unknown): string {
  const text = value instanceof Error ? value.message : String(value);
  return text.replace(/\s+/g, ' ').trim();
}

/** The execution-level (hierarchy level 0) issue type names of one project, as Jira spells them. */
async function executionTypesOf(jira: JiraClient, projectKey: string): Promise<string[]> {
  const project = await jira.getProject(projectKey);
  const types = await jira.getProjectIssueTypes(project.id);
  return types.filter((t) => t.hierarchyLevel === 0).map((t) => t.name);
}

function listOf(names: Iterable<string>, conjunction: 'and' | 'or' = 'and'): string {
  const all = [...names];
  return all.length <= 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} ${conjunction} ${all.at(-1)}`;
}

/**
 * Whether each `--types` name is an execution-level issue type of the projects: a name none of them has is a
 * mistake (exit 2, naming the types they do have) rather than a silent "0 of 0"; a name only some lack is a
 * warning naming those. Costs two small requests per project. A project that cannot be read is left to its scan,
 * which reports why; if none can be read there is nothing to check against.
 */
export async function checkExecutionTypes(
  jira: JiraClient,
  projectKeys: readonly string[],
  wanted: readonly string[],
): Promise<{ ok: true; warnings: string[] } | { ok: false; message: string }> {
  const found = new Map<string, string[]>();
  for (const key of projectKeys) {
    try {
      found.set(key, await executionTypesOf(jira, key));
    } catch (error) {
      if (!(error instanceof JiraError)) throw error;
    }
  }
  if (found.size === 0) return { ok: true, warnings: [] };

  const lacking = (name: string): string[] =>
    [...found]
      .filter(([, types]) => !types.some((t) => t.toLowerCase() === name.toLowerCase()))
      .map(([k]) => k);
  const nowhere = wanted.filter((name) => lacking(name).length === found.size);
  if (nowhere.length > 0) {
    const have = [...new Set([...found.values()].flat())].sort((a, b) => a.localeCompare(b, 'en'));
    const projects = [...found.keys()];
    const they = projects.length === 1 ? 'it has' : 'they have';
    return {
      ok: false,
      message: `--types: no execution-level issue type named ${listOf(nowhere, 'or')} in ${listOf(projects)} (${they} ${have.length > 0 ? listOf(have) : 'none'}): check --types.`,
    };
  }
  const warnings = wanted.flatMap((name) => {
    const missing = lacking(name);
    return missing.length === 0
      ? []
      : [
          `warning: no execution-level issue type named ${name} in ${listOf(missing)}: audited there without it (see --types).`,
        ];
  });
  return { ok: true, warnings };
}

async function auditProject(
  context: AuditContext,
  flags: Omit<PolicyFlags, 'rosterFile'>,
  projectKey: string,
  warnings: string[],
): Promise<{ outcome: ProjectOutcome; policy: Policy | null }> {
  const scan = context.scan ?? scanProject;
  let policy: Policy;
  try {
    const read = await projectPolicy(context.jira, projectKey, flags);
    if (read.warning !== null) warnings.push(read.warning);
    policy = read.policy;
  } catch (error) {
    const failure = describeProjectFailure(error, projectKey, context.demoProjectKeys);
    return { outcome: { key: projectKey, ok: false, error: failure }, policy: null };
  }
  return { outcome: await scanOne(context, scan, policy, projectKey), policy };
}

async function scanOne(
  context: AuditContext,
  scan: NonNullable<AuditContext['scan']>,
  policy: Policy,
  projectKey: string,
): Promise<ProjectOutcome> {
  try {
    const outcome = await scan(
      { jira: context.jira, clock: context.clock },
      {
        projectKey,
        policy,
        ...(context.roster === null ? {} : { roster: context.roster }),
        onProgress: (n) => context.onProgress?.(projectKey, n),
      },
    );
    if (!outcome.ok)
      return { key: projectKey, ok: false, error: describeRosterUnavailable(outcome.error.message) };
    return { key: outcome.project.key, ok: true, report: outcome.report };
  } catch (error) {
    return {
      key: projectKey,
      ok: false,
      error: describeProjectFailure(error, projectKey, context.demoProjectKeys),
    };
  }
}

export async function runAudit(context: AuditContext, options: AuditOptions): Promise<AuditResult> {
  try {
    // One cheap call first, so a wrong token or site fails once with a clear message, not once per project.
    await context.jira.getMyself();
  } catch (error) {
    return { kind: 'fatal', message: describeStartFailure(error, context.site) };
  }

  const warnings: string[] = [];
  if (options.executionTypes !== null) {
    const types = await checkExecutionTypes(context.jira, options.projects, options.executionTypes);
    if (!types.ok) return { kind: 'fatal', message: types.message };
    warnings.push(...types.warnings);
  }

  const outcomes: ProjectOutcome[] = [];
  let applied: Policy | null = null;
  for (const key of options.projects) {
    const { outcome, policy } = await auditProject(context, options, key, warnings);
    outcomes.push(outcome);
    // The report has one policy (schema v1): the first project's, which is every project's in the usual
    // single-project run.
    applied ??= policy;
  }

  const report = buildReport({
    site: context.site,
    generatedAt: context.clock.now(),
    policy: describePolicy(applied ?? policyFor(options), context.roster),
    outcomes,
  });

  const messages = outcomes.flatMap((o) => (o.ok ? [] : [`${o.key}: ${o.error}`]));
  if (messages.length > 0) return { kind: 'report', report, exitCode: EXIT_TROUBLE, messages, warnings };
  if (reachesSeverity(report, options.failOn)) {
    const count = report.projects.reduce(
      (n, p) => n + p.gaps.filter((g) => options.failOn === 'warning' || g.severity === 'error').length,
      0,
    );
    const what = `${options.failOn === 'warning' ? 'gap' : 'error gap'}${count === 1 ? '' : 's'}`;
    return {
      kind: 'report',
      report,
      exitCode: EXIT_GAPS,
      warnings,
      messages: [
        `${count} ${what} found (--fail-on ${options.failOn}): assign the missing owners, or change --fail-on.`,
      ],
    };
  }
  return { kind: 'report', report, exitCode: EXIT_OK, messages: [], warnings };
}
