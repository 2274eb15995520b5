import { describe, expect, it } from '@jest/globals';
import { parseAuditArgs, parseCommandLine, type AuditOptions } from '../../../src/cli/args';

function audit(args: string[]): AuditOptions {
  const result = parseAuditArgs(args);
  if (!result.ok) throw new Error(`expected options, got: ${result.message}`);
  if (result.command.kind !== 'audit') throw new Error(`expected audit, got ${result.command.kind}`);
  return result.command.options;
}

function usageError(args: string[]): string {
  const result = parseAuditArgs(args);
  if (result.ok) throw new Error('expected a usage error');
  return result.message;
}

describe('parseAuditArgs', () => {
  it('applies the documented defaults', () => {
    expect(audit(['--site', 'https://acme.atlassian.net', '--project', 'ABC'])).toEqual({
      target: { kind: 'site', url: 'https://acme.atlassian.net' },
      projects: ['ABC'],
      format: 'table',
      failOn: 'error',
      // Not given: null, so each project's stored policy applies.
      pmRole: null,
      poRole: null,
      executionTypes: null,
      includeDone: null,
      rosterFile: null,
    });
  });

  it('takes projects repeated and comma-separated, upper-cased and de-duplicated', () => {
    expect(audit(['--demo', '-p', 'abc,DEF', '--project', 'ghi', '--project', 'ABC']).projects).toEqual([
      'ABC',
      'DEF',
      'GHI',
    ]);
  });

  it('reads every option', () => {
    const options = audit([
      '--site=https://acme.atlassian.net/',
      '--project=ABC',
      '--format',
      'csv',
      '--fail-on',
      'warning',
      '--pm-role',
      'Head of Product',
      '--po-role',
      'Owner',
      '--types',
      'Story, Task ,Bug',
      '--include-done',
      '--roster',
      'people.json',
    ]);
    expect(options).toMatchObject({
      target: { kind: 'site', url: 'https://acme.atlassian.net' },
      format: 'csv',
      failOn: 'warning',
      pmRole: 'Head of Product',
      poRole: 'Owner',
      executionTypes: ['Story', 'Task', 'Bug'],
      includeDone: true,
      rosterFile: 'people.json',
    });
  });

  it('lets --demo run without --project', () => {
    expect(audit(['--demo'])).toMatchObject({ target: { kind: 'demo' }, projects: [] });
  });

  it.each([
    [['--project', 'ABC'], /--site .*--demo/],
    [['--site', 'https://a.atlassian.net'], /--project KEY/],
    [['--demo', '--site', 'https://a.atlassian.net'], /either --site URL or --demo/],
    [['--site', 'not a url', '-p', 'A'], /--site/],
    [['--site', 'ftp://a.example', '-p', 'A'], /https:\/\//],
    [['--demo', '--format', 'xml'], /--format must be one of table, json, csv/],
    [['--demo', '--fail-on', 'info'], /--fail-on must be one of error, warning, never/],
    [['--demo', '--project', 'A-1'], /not a Jira project key/],
    [['--demo', '--types', ' , '], /--types needs/],
    [['--demo', '--pm-role', '  '], /--pm-role/],
    [['--demo', '--format'], /needs a value/],
    [['--demo', 'extra'], /Unexpected argument/],
    [['--demo', '--bogus'], /Unknown option --bogus/],
  ])('refuses %j', (args, message) => {
    expect(usageError(args)).toMatch(message);
  });

  it('refuses credentials as flags without echoing them', () => {
    for (const args of [
      ['--demo', '--token', 's3cret-token'],
      ['--demo', '--api-token=s3cret-token'],
      ['--demo', '--email', 'me@example.com'],
    ]) {
      const message = usageError(args);
      expect(message).toMatch(/JIRA_EMAIL and JIRA_API_TOKEN/);
      expect(message).not.toContain('s3cret-token');
      expect(message).not.toContain('me@example.com');
    }
  });

  it('refuses credentials inside the site URL', () => {
    expect(usageError(['--site', 'https://me:tok@acme.atlassian.net', '-p', 'A'])).toMatch(/JIRA_API_TOKEN/);
  });

  it('answers --help', () => {
    expect(parseAuditArgs(['--demo', '--help'])).toEqual({
      ok: true,
      command: { kind: 'help', topic: 'audit' },
    });
  });
});

describe('parseCommandLine', () => {
  it('routes to audit', () => {
    const result = parseCommandLine(['audit', '--demo']);
    expect(result.ok && result.command.kind).toBe('audit');
  });

  it('shows the main help with no command', () => {
    expect(parseCommandLine([])).toEqual({ ok: true, command: { kind: 'help', topic: 'main' } });
    expect(parseCommandLine(['--help'])).toEqual({ ok: true, command: { kind: 'help', topic: 'main' } });
  });

  it.each([['--version'], ['-v'], ['audit', '--version'], ['audit', '--demo', '-v']])(
    'answers %s with the version',
    (...args) => {
      expect(parseCommandLine(args)).toEqual({ ok: true, command: { kind: 'version' } });
    },
  );

  it('refuses an unknown command', () => {
    const result = parseCommandLine(['scan']);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/commands are audit, assign and export-owners/);
  });
});
