import { describe, expect, it } from '@jest/globals';
import { parseCommandLine, type AssignOptions, type ExportOwnersOptions } from '../../../src/cli/args';

function assign(args: string[]): AssignOptions {
  const result = parseCommandLine(['assign', ...args]);
  if (!result.ok) throw new Error(`expected options, got: ${result.message}`);
  if (result.command.kind !== 'assign') throw new Error(`expected assign, got ${result.command.kind}`);
  return result.command.options;
}

function usage(args: string[]): string {
  const result = parseCommandLine(args);
  if (result.ok) throw new Error('expected a usage error');
  return result.message;
}

describe('role-split assign arguments', () => {
  it('reads a file run with its defaults: table, not a dry run, no policy flags', () => {
    expect(assign(['--site', 'https://acme.atlassian.net', '--file', 'owners.csv'])).toEqual({
      target: { kind: 'site', url: 'https://acme.atlassian.net' },
      source: { kind: 'file', path: 'owners.csv' },
      dryRun: false,
      format: 'table',
      pmRole: null,
      poRole: null,
      executionTypes: null,
      includeDone: null,
      rosterFile: null,
    });
  });

  it('reads a backfill from a field, with --overwrite, --dry-run, json and the policy flags', () => {
    const options = assign([
      '--demo',
      '-p',
      'shop',
      '--from-field',
      'Product Owner (legacy)',
      '--role',
      'PO',
      '--overwrite',
      '--dry-run',
      '-f',
      'json',
      '--types',
      'Story,Task',
      '--po-role',
      'Owners',
      '--roster',
      'r.json',
    ]);
    expect(options).toMatchObject({
      target: { kind: 'demo' },
      source: {
        kind: 'field',
        projectKey: 'SHOP',
        field: 'Product Owner (legacy)',
        role: 'po',
        overwrite: true,
      },
      dryRun: true,
      format: 'json',
      executionTypes: ['Story', 'Task'],
      poRole: 'Owners',
      pmRole: null,
      rosterFile: 'r.json',
    });
  });

  it.each([
    [['assign', '--file', 'a.csv'], /Say which site/],
    [['assign', '--demo'], /--file owners.csv, or --project KEY --from-field/],
    [['assign', '--demo', '--file', 'a.csv', '--from-field', 'F', '--role', 'po'], /not both/],
    [['assign', '--demo', '--file', 'a.csv', '--role', 'po'], /--role goes with --from-field/],
    [['assign', '--demo', '--file', 'a.csv', '--overwrite'], /--overwrite goes with --from-field/],
    [['assign', '--demo', '--file', 'a.csv', '-p', 'ABC'], /--project goes with --from-field/],
    [['assign', '--site', 'https://a.atlassian.net', '--from-field', 'F', '--role', 'po'], /--project KEY/],
    [['assign', '--demo', '--from-field', 'F', '--role', 'qa'], /--role pm or --role po/],
    [['assign', '--demo', '--from-field', 'F', '-p', '1AB', '--role', 'po'], /not a Jira project key/],
    [['assign', '--demo', '--file', 'a.csv', '-f', 'csv'], /--format must be one of table, json/],
    [
      ['assign', '--demo', '--file', 'a.csv', '--fail-on', 'error'],
      /Unknown option --fail-on. See role-split assign --help/,
    ],
    [['assign', '--demo', '--file', 'a.csv', '--api-token', 'xyz'], /JIRA_EMAIL and JIRA_API_TOKEN/],
  ])('refuses %j', (args, message) => {
    expect(usage(args)).toMatch(message);
  });

  it('asks for help per command', () => {
    expect(parseCommandLine(['assign', '--help'])).toEqual({
      ok: true,
      command: { kind: 'help', topic: 'assign' },
    });
    expect(parseCommandLine(['export-owners', '-h'])).toEqual({
      ok: true,
      command: { kind: 'help', topic: 'export-owners' },
    });
  });
});

describe('role-split export-owners arguments', () => {
  function exportOptions(args: string[]): ExportOwnersOptions {
    const result = parseCommandLine(['export-owners', ...args]);
    if (!result.ok || result.command.kind !== 'export-owners') throw new Error('expected export-owners');
    return result.command.options;
  }

  it('takes one project, or none with --demo', () => {
    expect(exportOptions(['--site', 'https://a.atlassian.net', '-p', 'abc'])).toEqual({
      target: { kind: 'site', url: 'https://a.atlassian.net' },
      projectKey: 'ABC',
      executionTypes: null,
    });
    expect(exportOptions(['--demo', '--types', 'Story,Bug'])).toMatchObject({
      projectKey: null,
      executionTypes: ['Story', 'Bug'],
    });
    expect(usage(['export-owners', '--site', 'https://a.atlassian.net'])).toMatch(/--project KEY/);
  });
});
