// `role-split ...` as a function of its arguments, environment and streams, returning the exit status, so the
// whole command can be driven by tests; main.ts only binds it to the process. stdout carries the report and
// nothing else; every message goes to stderr, progress only when stderr is a terminal. The API token is never
// echoed: not by us, and any stderr text that might quote it is redacted as a last line of defence.
import packageJson from '../../package.json';
import { createJiraClient } from '../jira/client';
import { fetchTransport } from '../jira/transport-fetch';
import type { JiraClient } from '../jira/types';
import { readFile } from 'node:fs/promises';
import {
  parseCommandLine,
  type AssignOptions,
  type AuditOptions,
  type ExportOwnersOptions,
  type Target,
} from './args';
import { notAttemptedRows, runAssign, type CandidateRow } from './assign';
import { buildAssignReport, formatAssignJson, type AssignReport } from './assign-report';
import { runExportOwners } from './export-owners';
import { fieldRows } from './field-rows';
import { formatAssignTable } from './format-assign-table';
import { parseOwnersCsv } from './owners-csv';
import {
  EXIT_OK,
  EXIT_TROUBLE,
  describeProjectFailure,
  describeStartFailure,
  runAudit,
  type ExitCode,
} from './audit';
import type { DemoSite } from './demo-site';
import { formatCsv } from './format-csv';
import { formatJson } from './format-json';
import { formatTable } from './format-table';
import { ASSIGN_HELP, AUDIT_HELP, EXPORT_OWNERS_HELP, MAIN_HELP } from './help';
import type { AuditReport } from './report';
import { readRosterFile } from './roster-file';

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  writeStdout(text: string): Promise<void>;
  writeStderr(text: string): void;
  stderrIsTTY: boolean;
}

export interface CliDeps {
  openDemoSite(): Promise<DemoSite>;
  jiraClient(site: { url: string; email: string; apiToken: string }): JiraClient;
  clock: { now(): Date };
  /** Waits between bulk-write task polls (tests may shorten them). */
  sleep?: (ms: number) => Promise<void>;
}

const defaultDeps: CliDeps = {
  // Loaded only for --demo: the embedded site brings a JQL parser, which would slow every other start-up.
  openDemoSite: async () => (await import('./demo-site')).openDemoSite(),
  jiraClient: ({ url, email, apiToken }) =>
    createJiraClient(fetchTransport({ siteUrl: url, email, apiToken })),
  clock: { now: () => new Date() },
};

const CLEAR_LINE = '\r\x1b[K';

function render(report: AuditReport, format: AuditOptions['format']): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'csv':
      return formatCsv(report);
    case 'table':
      return formatTable(report);
  }
}

/** Replaces every occurrence of a secret, so no message path can print it. */
function redacting(write: (text: string) => void, secrets: readonly string[]): (text: string) => void {
  const present = secrets.filter((s) => s.length >= 4);
  return (text) => write(present.reduce((out, secret) => out.split(secret).join('***'), text));
}

type Connection =
  | {
      ok: true;
      site: string;
      jira: JiraClient;
      projects: string[];
      /** Only for --demo: see AuditContext.demoProjectKeys. */
      demoProjectKeys?: readonly string[];
      close(): Promise<void>;
    }
  | { ok: false; message: string };

async function connect(
  options: { target: Target; projects: string[] },
  io: CliIo,
  deps: CliDeps,
): Promise<Connection> {
  if (options.target.kind === 'demo') {
    const demo = await deps.openDemoSite();
    return {
      ok: true,
      site: 'demo',
      jira: deps.jiraClient({ url: demo.url, email: demo.email, apiToken: demo.apiToken }),
      projects: options.projects.length > 0 ? options.projects : demo.projectKeys,
      demoProjectKeys: demo.allProjectKeys,
      close: () => demo.close(),
    };
  }
  const email = io.env.JIRA_EMAIL?.trim() ?? '';
  const apiToken = io.env.JIRA_API_TOKEN?.trim() ?? '';
  const missing = [email === '' ? 'JIRA_EMAIL' : null, apiToken === '' ? 'JIRA_API_TOKEN' : null].filter(
    (name): name is string => name !== null,
  );
  if (missing.length > 0) {
    return {
      ok: false,
      message: `Set ${missing.join(' and ')} in the environment: the Atlassian account email and an API token from https://id.atlassian.com/manage-profile/security/api-tokens.`,
    };
  }
  const { url } = options.target;
  return {
    ok: true,
    site: url,
    jira: deps.jiraClient({ url, email, apiToken }),
    projects: options.projects,
    close: () => Promise.resolve(),
  };
}

async function audit(
  options: AuditOptions,
  io: CliIo,
  deps: CliDeps,
  stderr: (line: string) => void,
): Promise<ExitCode> {
  let roster = null;
  if (options.rosterFile !== null) {
    const read = await readRosterFile(options.rosterFile);
    if (!read.ok) {
      stderr(read.message);
      return EXIT_TROUBLE;
    }
    roster = read.roster;
  }

  const connection = await connect(options, io, deps);
  if (!connection.ok) {
    stderr(connection.message);
    return EXIT_TROUBLE;
  }
  let progressShown = false;
  const onProgress = io.stderrIsTTY
    ? (projectKey: string, issuesRead: number) => {
        progressShown = true;
        io.writeStderr(`${CLEAR_LINE}role-split: ${projectKey}: ${issuesRead} issues read`);
      }
    : undefined;
  try {
    const result = await runAudit(
      {
        jira: connection.jira,
        clock: deps.clock,
        site: connection.site,
        roster,
        onProgress,
        demoProjectKeys: connection.demoProjectKeys,
      },
      { ...options, projects: connection.projects },
    );
    if (progressShown) io.writeStderr(CLEAR_LINE);
    if (result.kind === 'fatal') {
      stderr(result.message);
      return EXIT_TROUBLE;
    }
    await io.writeStdout(render(result.report, options.format));
    for (const line of [...result.warnings, ...result.messages]) stderr(line);
    return result.exitCode;
  } finally {
    await connection.close();
  }
}

const HELP_TEXT = {
  main: MAIN_HELP,
  audit: AUDIT_HELP,
  assign: ASSIGN_HELP,
  'export-owners': EXPORT_OWNERS_HELP,
} as const;

function renderAssign(report: AssignReport, format: AssignOptions['format']): string {
  return format === 'json' ? formatAssignJson(report) : formatAssignTable(report);
}

async function readOwnersFile(
  path: string,
): Promise<{ ok: true; rows: CandidateRow[] } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file' : typeof code === 'string' ? code : 'unreadable';
    return { ok: false, message: `Could not read --file ${path} (${why}).` };
  }
  const parsed = parseOwnersCsv(text, path);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    rows: parsed.rows.map((r) => ({
      line: r.line,
      issueKey: r.issueKey,
      role: r.role,
      accountId: r.accountId === '' ? null : r.accountId,
      email: r.email === '' ? null : r.email,
    })),
  };
}

async function assign(
  options: AssignOptions,
  io: CliIo,
  deps: CliDeps,
  stderr: (line: string) => void,
): Promise<ExitCode> {
  // Usage-level trouble (file, roster, credentials) still prints a report, so a script reading stdout always
  // gets one: every row read from the file is there, NOT_ATTEMPTED (none when the file itself is the trouble).
  const troubleReport = async (
    site: string,
    message: string,
    rowsRead: readonly CandidateRow[] = [],
  ): Promise<ExitCode> => {
    const report = buildAssignReport({
      site,
      dryRun: options.dryRun,
      generatedAt: deps.clock.now(),
      results: notAttemptedRows(
        rowsRead,
        'the run stopped before reaching Jira (see the message on stderr).',
      ),
    });
    await io.writeStdout(renderAssign(report, options.format));
    stderr(message);
    return EXIT_TROUBLE;
  };
  const emptyReport = (site: string, message: string) => troubleReport(site, message);
  const siteName = options.target.kind === 'demo' ? 'demo' : options.target.url;
  let rows: CandidateRow[] = [];
  if (options.source.kind === 'file') {
    const read = await readOwnersFile(options.source.path);
    if (!read.ok) return emptyReport(siteName, read.message);
    rows = read.rows;
  }
  let roster = null;
  if (options.rosterFile !== null) {
    const read = await readRosterFile(options.rosterFile);
    if (!read.ok) return troubleReport(siteName, read.message, rows);
    roster = read.roster;
  }
  const source = options.source;
  const connection = await connect(
    {
      target: options.target,
      projects: source.kind === 'field' && source.projectKey !== null ? [source.projectKey] : [],
    },
    io,
    deps,
  );
  if (!connection.ok) return troubleReport(siteName, connection.message, rows);
  try {
    if (source.kind === 'field') {
      const projectKey = connection.projects[0];
      if (projectKey === undefined)
        return await emptyReport(connection.site, 'Say which project to backfill: --project KEY.');
      try {
        await connection.jira.getMyself();
      } catch (error) {
        return await emptyReport(connection.site, describeStartFailure(error, connection.site));
      }
      let found;
      try {
        await connection.jira.getProject(projectKey);
        found = await fieldRows(connection.jira, projectKey, source.field, source.role);
      } catch (error) {
        return await emptyReport(
          connection.site,
          describeProjectFailure(error, projectKey, connection.demoProjectKeys),
        );
      }
      if (!found.ok) return await emptyReport(connection.site, found.message);
      rows = found.rows;
    }
    const run = await runAssign(
      {
        jira: connection.jira,
        clock: deps.clock,
        site: connection.site,
        roster,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      },
      { ...options, fillOnly: source.kind === 'field' && !source.overwrite },
      rows,
    );
    await io.writeStdout(renderAssign(run.report, options.format));
    for (const line of [...run.warnings, ...run.messages]) stderr(line);
    return run.exitCode;
  } finally {
    await connection.close();
  }
}

async function exportOwners(
  options: ExportOwnersOptions,
  io: CliIo,
  deps: CliDeps,
  stderr: (line: string) => void,
): Promise<ExitCode> {
  const connection = await connect(
    { target: options.target, projects: options.projectKey === null ? [] : [options.projectKey] },
    io,
    deps,
  );
  if (!connection.ok) {
    stderr(connection.message);
    return EXIT_TROUBLE;
  }
  try {
    const projectKey = connection.projects[0];
    if (projectKey === undefined) {
      stderr('Say which project to export: --project KEY.');
      return EXIT_TROUBLE;
    }
    const run = await runExportOwners(
      {
        jira: connection.jira,
        clock: deps.clock,
        site: connection.site,
        ...(connection.demoProjectKeys ? { demoProjectKeys: connection.demoProjectKeys } : {}),
      },
      projectKey,
      options.executionTypes,
    );
    if (!run.ok) {
      stderr(run.message);
      return run.exitCode;
    }
    await io.writeStdout(run.csv);
    for (const line of run.warnings) stderr(line);
    return run.exitCode;
  } finally {
    await connection.close();
  }
}

export async function runCli(
  args: readonly string[],
  io: CliIo,
  deps: CliDeps = defaultDeps,
): Promise<ExitCode> {
  const secrets = [io.env.JIRA_API_TOKEN ?? ''];
  const writeErr = redacting((text) => io.writeStderr(text), secrets);
  const stderr = (line: string): void => writeErr(`role-split: ${line.replace(/\s+/g, ' ').trim()}\n`);

  const parsed = parseCommandLine(args);
  if (!parsed.ok) {
    stderr(parsed.message);
    return EXIT_TROUBLE;
  }
  const { command } = parsed;
  switch (command.kind) {
    case 'help':
      // Asked-for help is the output, so it goes to stdout.
      await io.writeStdout(HELP_TEXT[command.topic]);
      return EXIT_OK;
    case 'version':
      await io.writeStdout(`${packageJson.version}\n`);
      return EXIT_OK;
    case 'audit':
    case 'assign':
    case 'export-owners':
      try {
        if (command.kind === 'audit') return await audit(command.options, io, deps, stderr);
        if (command.kind === 'assign') return await assign(command.options, io, deps, stderr);
        return await exportOwners(command.options, io, deps, stderr);
      } catch (error) {
        // A bug, not a Jira answer: say so in one line rather than dumping a stack into a CI log.
        stderr(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
        return EXIT_TROUBLE;
      }
  }
}
