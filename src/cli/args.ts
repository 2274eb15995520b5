// Parses `role-split audit ...` with node:util `parseArgs` into a checked set of options. Pure: no I/O, no
// environment reads beyond what the caller passes, so every usage error can be unit-tested. Credentials are
// deliberately not options: a token on the command line ends up in shell history and `ps` output.
import { parseArgs } from 'node:util';
import { normaliseSiteUrl } from '../jira/transport-fetch';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export type Target = { kind: 'demo' } | { kind: 'site'; url: string };

export interface AuditOptions {
  target: Target;
  /** Upper-cased, de-duplicated, in the order given. Empty with `--demo` means "the demo's projects". */
  projects: string[];
  format: OutputFormat;
  failOn: FailOn;
  pmRole: string;
  poRole: string;
  executionTypes: string[];
  includeDone: boolean;
  rosterFile: string | null;
}

export type ParsedCommand =
  { kind: 'help'; topic: 'main' | 'audit' } | { kind: 'version' } | { kind: 'audit'; options: AuditOptions };

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
function describeParseError(error: unknown, args: readonly string[]): string {
  const credentialFlag = args.find((a) => CREDENTIAL_FLAGS.has(a.split('=')[0] ?? a));
  if (credentialFlag !== undefined) {
    return 'Credentials are not accepted as flags: set JIRA_EMAIL and JIRA_API_TOKEN in the environment.';
  }
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `Unknown option ${flag ?? ''}. See role-split audit --help.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `Option ${flag ?? ''} needs a value. See role-split audit --help.`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return 'Unexpected argument. See role-split audit --help.';
  return 'Could not read the arguments. See role-split audit --help.';
}

export function parseCommandLine(args: readonly string[]): ParseResult {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { ok: true, command: { kind: 'help', topic: 'main' } };
  }
  if (command === '--version' || command === '-v') return { ok: true, command: { kind: 'version' } };
  if (command !== 'audit') {
    return {
      ok: false,
      message: `Unknown command "${command}": the only command is "audit". See role-split --help.`,
    };
  }
  return parseAuditArgs(rest);
}

function readFlags(args: readonly string[]) {
  return parseArgs({ args: [...args], options: AUDIT_OPTIONS, strict: true, allowPositionals: false }).values;
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

  let target: Target;
  if (values.demo && values.site !== undefined) {
    return { ok: false, message: 'Use either --site URL or --demo, not both.' };
  }
  if (values.demo) {
    target = { kind: 'demo' };
  } else if (values.site !== undefined) {
    const site = parseSiteUrl(values.site);
    if (!site.ok) return site;
    target = { kind: 'site', url: site.url };
  } else {
    return {
      ok: false,
      message: 'Say which site to audit: --site https://your-site.atlassian.net, or --demo.',
    };
  }

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

  const pmRole = (values['pm-role'] ?? 'Product Manager').trim();
  const poRole = (values['po-role'] ?? 'Product Owner').trim();
  if (pmRole === '' || poRole === '')
    return { ok: false, message: '--pm-role and --po-role need a role name.' };

  const executionTypes = values.types === undefined ? ['Story'] : splitList([values.types]);
  if (executionTypes.length === 0) {
    return { ok: false, message: '--types needs at least one issue type name, e.g. --types Story,Task.' };
  }

  const rosterFile = values.roster === undefined ? null : values.roster.trim();
  if (rosterFile === '') return { ok: false, message: '--roster needs a file name.' };

  return {
    ok: true,
    command: {
      kind: 'audit',
      options: {
        target,
        projects,
        format,
        failOn,
        pmRole,
        poRole,
        executionTypes,
        includeDone: values['include-done'] ?? false,
        rosterFile,
      },
    },
  };
}
