// Parses `role-split audit|assign|export-owners ...` with node:util `parseArgs` into a checked set of options.
// Pure: no I/O, no environment reads beyond what the caller passes, so every usage error can be unit-tested.
// Credentials are deliberately not options: a token on the command line ends up in shell history and `ps`
// output. The policy comes from each project's `role-split-policy` property; the policy flags (--pm-role,
// --po-role, --types, --include-done, --roster) override it only when given, so "not given" is kept as null.
import { parseArgs } from 'node:util';
import { normaliseSiteUrl } from '../jira/transport-fetch';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export type Target = { kind: 'demo' } | { kind: 'site'; url: string };

/** The policy flags: each null unless given, so the project's stored policy applies. */
export interface PolicyFlags {
  pmRole: string | null;
  poRole: string | null;
  executionTypes: string[] | null;
  /** true with --include-done; null without it (the stored policy decides). */
  includeDone: boolean | null;
  rosterFile: string | null;
}

export interface AuditOptions extends PolicyFlags {
  target: Target;
  /** Upper-cased, de-duplicated, in the order given. Empty with `--demo` means "the demo's projects". */
  projects: string[];
  format: OutputFormat;
  failOn: FailOn;
}

export const ASSIGN_FORMATS = ['table', 'json'] as const;
export type AssignFormat = (typeof ASSIGN_FORMATS)[number];

/** Where `role-split assign` takes its rows from. */
export type AssignSource =
  | { kind: 'file'; path: string }
  | {
      kind: 'field';
      /** Null with --demo and no --project: the demo's project. */
      projectKey: string | null;
      /** A custom field id (customfield_10050) or its name, as given. */
      field: string;
      role: 'pm' | 'po';
      overwrite: boolean;
    };

export interface AssignOptions extends PolicyFlags {
  target: Target;
  source: AssignSource;
  dryRun: boolean;
  format: AssignFormat;
}

export interface ExportOwnersOptions {
  target: Target;
  /** Null with --demo and no --project: the demo's project. */
  projectKey: string | null;
  executionTypes: string[] | null;
}

export type HelpTopic = 'main' | 'audit' | 'assign' | 'export-owners';

export type ParsedCommand =
  | { kind: 'help'; topic: HelpTopic }
  | { kind: 'version' }
  | { kind: 'audit'; options: AuditOptions }
  | { kind: 'assign'; options: AssignOptions }
  | { kind: 'export-owners'; options: ExportOwnersOptions };

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; message: string };

/** Flags people try for credentials; refused with a pointer to the environment variables. */
const CREDENTIAL_FLAGS = new Set([
  '--token',
  '--api-token',
  '--apitoken',
  '--email',
  '--user',
  '--password',
  '-t',
]);

const AUDIT_OPTIONS = {
  site: { type: 'string' },
  demo: { type: 'boolean' },
  project: { type: 'string', short: 'p', multiple: true },
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  'pm-role': { type: 'string' },
  'po-role': { type: 'string' },
  types: { type: 'string' },
  'include-done': { type: 'boolean' },
  roster: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const ASSIGN_OPTIONS = {
  site: { type: 'string' },
  demo: { type: 'boolean' },
  file: { type: 'string' },
  project: { type: 'string', short: 'p' },
  'from-field': { type: 'string' },
  role: { type: 'string' },
  overwrite: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  'pm-role': { type: 'string' },
  'po-role': { type: 'string' },
  types: { type: 'string' },
  roster: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const EXPORT_OPTIONS = {
  site: { type: 'string' },
  demo: { type: 'boolean' },
  project: { type: 'string', short: 'p' },
  types: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Splits repeatable, comma-separated values and drops blanks. */
function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

/** Jira project keys: an upper-case letter, then upper-case letters, digits or underscores. */
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;

function parseSiteUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  if (URL.canParse(raw)) {
    const url = new URL(raw);
    if (url.username || url.password) {
      return {
        ok: false,
        message: 'Put credentials in JIRA_EMAIL and JIRA_API_TOKEN, not in the --site URL.',
      };
    }
  }
  try {
    return { ok: true, url: normaliseSiteUrl(raw) };
  } catch (error) {
    // The transport's messages never quote the URL, so they are safe to show as they are.
    const why = error instanceof Error ? error.message : 'The Jira site URL is not valid.';
    return { ok: false, message: `--site: ${why} Example: --site https://your-site.atlassian.net` };
  }
}

/** A parseArgs failure, rewritten without echoing values (a mistyped flag may be followed by a token). */
function describeParseError(error: unknown, args: readonly string[], command = 'audit'): string {
  const credentialFlag = args.find((a) => CREDENTIAL_FLAGS.has(a.split('=')[0] ?? a));
  if (credentialFlag !== undefined) {
    return 'Credentials are not accepted as flags: set JIRA_EMAIL and JIRA_API_TOKEN in the environment.';
  }
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `Unknown option ${flag ?? ''}. See role-split ${command} --help.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `Option ${flag ?? ''} needs a value. See role-split ${command} --help.`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `Unexpected argument. See role-split ${command} --help.`;
  return `Could not read the arguments. See role-split ${command} --help.`;
}

export function parseCommandLine(args: readonly string[]): ParseResult {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { ok: true, command: { kind: 'help', topic: 'main' } };
  }
  if (command === '--version' || command === '-v') return { ok: true, command: { kind: 'version' } };
  if (command === 'assign') return parseAssignArgs(rest);
  if (command === 'export-owners') return parseExportOwnersArgs(rest);
  if (command !== 'audit') {
    return {
      ok: false,
      message: `Unknown command "${command}": the commands are audit, assign and export-owners. See role-split --help.`,
    };
  }
  return parseAuditArgs(rest);
}

type Fail = { ok: false; message: string };

function parseTarget(
  values: { demo?: boolean; site?: string },
  what: string,
): { ok: true; target: Target } | Fail {
  if (values.demo && values.site !== undefined) {
    return { ok: false, message: 'Use either --site URL or --demo, not both.' };
  }
  if (values.demo) return { ok: true, target: { kind: 'demo' } };
  if (values.site !== undefined) {
    const site = parseSiteUrl(values.site);
    if (!site.ok) return site;
    return { ok: true, target: { kind: 'site', url: site.url } };
  }
  return { ok: false, message: `Say which site ${what}: --site https://your-site.atlassian.net, or --demo.` };
}

/** The policy flags, each null when not given. */
function parsePolicyFlags(values: {
  'pm-role'?: string;
  'po-role'?: string;
  types?: string;
  'include-done'?: boolean;
  roster?: string;
}): { ok: true; flags: PolicyFlags } | Fail {
  const pmRole = values['pm-role'] === undefined ? null : values['pm-role'].trim();
  const poRole = values['po-role'] === undefined ? null : values['po-role'].trim();
  if (pmRole === '' || poRole === '')
    return { ok: false, message: '--pm-role and --po-role need a role name.' };

  const executionTypes = values.types === undefined ? null : splitList([values.types]);
  if (executionTypes !== null && executionTypes.length === 0) {
    return { ok: false, message: '--types needs at least one issue type name, e.g. --types Story,Task.' };
  }
  const rosterFile = values.roster === undefined ? null : values.roster.trim();
  if (rosterFile === '') return { ok: false, message: '--roster needs a file name.' };
  return {
    ok: true,
    flags: { pmRole, poRole, executionTypes, includeDone: values['include-done'] ? true : null, rosterFile },
  };
}

function parseOneProject(raw: string | undefined): { ok: true; key: string | null } | Fail {
  if (raw === undefined) return { ok: true, key: null };
  const key = raw.trim().toUpperCase();
  if (!PROJECT_KEY.test(key)) {
    return { ok: false, message: `"${raw}" is not a Jira project key (letters, digits and _; e.g. ABC).` };
  }
  return { ok: true, key };
}

export function parseAssignArgs(args: readonly string[]): ParseResult {
  let values: ReturnType<typeof readAssignFlags>;
  try {
    values = readAssignFlags(args);
  } catch (error) {
    return { ok: false, message: describeParseError(error, args, 'assign') };
  }
  if (values.help) return { ok: true, command: { kind: 'help', topic: 'assign' } };
  if (values.version) return { ok: true, command: { kind: 'version' } };

  const target = parseTarget(values, 'to write to');
  if (!target.ok) return target;
  const project = parseOneProject(values.project);
  if (!project.ok) return project;

  const fromField = values['from-field']?.trim();
  let source: AssignSource;
  if (values.file !== undefined && fromField !== undefined) {
    return { ok: false, message: 'Use either --file owners.csv or --from-field FIELD, not both.' };
  }
  if (values.file !== undefined) {
    const path = values.file.trim();
    if (path === '') return { ok: false, message: '--file needs a file name, e.g. --file owners.csv.' };
    if (values.role !== undefined)
      return { ok: false, message: '--role goes with --from-field: in a file, each row names its role.' };
    if (values.overwrite)
      return { ok: false, message: '--overwrite goes with --from-field: a file always sets what it says.' };
    if (values.project !== undefined)
      return { ok: false, message: '--project goes with --from-field: a file names each issue by its key.' };
    source = { kind: 'file', path };
  } else if (fromField !== undefined) {
    if (fromField === '')
      return { ok: false, message: '--from-field needs a custom field name or id (e.g. customfield_10050).' };
    if (project.key === null && target.target.kind === 'site') {
      return { ok: false, message: 'Say which project to backfill: --project KEY.' };
    }
    const role = values.role?.trim().toLowerCase();
    if (role !== 'pm' && role !== 'po') {
      return { ok: false, message: '--from-field needs --role pm or --role po: the slot the field fills.' };
    }
    source = {
      kind: 'field',
      projectKey: project.key,
      field: fromField,
      role,
      overwrite: values.overwrite ?? false,
    };
  } else {
    return {
      ok: false,
      message:
        'Say where the owners come from: --file owners.csv, or --project KEY --from-field FIELD --role pm|po.',
    };
  }

  const format = values.format ?? 'table';
  if (!oneOf(format, ASSIGN_FORMATS)) {
    return { ok: false, message: `--format must be one of ${ASSIGN_FORMATS.join(', ')}.` };
  }
  const flags = parsePolicyFlags(values);
  if (!flags.ok) return flags;
  return {
    ok: true,
    command: {
      kind: 'assign',
      options: { target: target.target, source, dryRun: values['dry-run'] ?? false, format, ...flags.flags },
    },
  };
}

export function parseExportOwnersArgs(args: readonly string[]): ParseResult {
  let values: ReturnType<typeof readExportFlags>;
  try {
    values = readExportFlags(args);
  } catch (error) {
    return { ok: false, message: describeParseError(error, args, 'export-owners') };
  }
  if (values.help) return { ok: true, command: { kind: 'help', topic: 'export-owners' } };
  if (values.version) return { ok: true, command: { kind: 'version' } };
  const target = parseTarget(values, 'to read');
  if (!target.ok) return target;
  const project = parseOneProject(values.project);
  if (!project.ok) return project;
  if (project.key === null && target.target.kind === 'site') {
    return { ok: false, message: 'Say which project to export: --project KEY.' };
  }
  const flags = parsePolicyFlags({ types: values.types });
  if (!flags.ok) return flags;
  return {
    ok: true,
    command: {
      kind: 'export-owners',
      options: { target: target.target, projectKey: project.key, executionTypes: flags.flags.executionTypes },
    },
  };
}

function readFlags(args: readonly string[]) {
  return parseArgs({ args: [...args], options: AUDIT_OPTIONS, strict: true, allowPositionals: false }).values;
}

function readAssignFlags(args: readonly string[]) {
  return parseArgs({ args: [...args], options: ASSIGN_OPTIONS, strict: true, allowPositionals: false })
    .values;
}

function readExportFlags(args: readonly string[]) {
  return parseArgs({ args: [...args], options: EXPORT_OPTIONS, strict: true, allowPositionals: false })
    .values;
}

export function parseAuditArgs(args: readonly string[]): ParseResult {
  let values: ReturnType<typeof readFlags>;
  try {
    values = readFlags(args);
  } catch (error) {
    return { ok: false, message: describeParseError(error, args) };
  }
  if (values.help) return { ok: true, command: { kind: 'help', topic: 'audit' } };
  // The audit help lists --version too, so it must work after `audit` as well as before it.
  if (values.version) return { ok: true, command: { kind: 'version' } };

  const parsedTarget = parseTarget(values, 'to audit');
  if (!parsedTarget.ok) return parsedTarget;
  const { target } = parsedTarget;

  const projects = [...new Set(splitList(values.project ?? []).map((k) => k.toUpperCase()))];
  const badKey = projects.find((k) => !PROJECT_KEY.test(k));
  if (badKey !== undefined) {
    return { ok: false, message: `"${badKey}" is not a Jira project key (letters, digits and _; e.g. ABC).` };
  }
  if (projects.length === 0 && target.kind === 'site') {
    return { ok: false, message: 'Say which project(s) to audit: --project KEY (repeatable, or KEY1,KEY2).' };
  }

  const format = values.format ?? 'table';
  if (!oneOf(format, OUTPUT_FORMATS)) {
    return { ok: false, message: `--format must be one of ${OUTPUT_FORMATS.join(', ')}.` };
  }
  const failOn = values['fail-on'] ?? 'error';
  if (!oneOf(failOn, FAIL_ON))
    return { ok: false, message: `--fail-on must be one of ${FAIL_ON.join(', ')}.` };

  const flags = parsePolicyFlags(values);
  if (!flags.ok) return flags;

  return {
    ok: true,
    command: {
      kind: 'audit',
      options: {
        target,
        projects,
        format,
        failOn,
        ...flags.flags,
      },
    },
  };
}
