import { describe, expect, it } from '@jest/globals';
import { expectSaying } from '../../support/jest-helpers';
import { ASSIGN_HELP, AUDIT_HELP, EXPORT_OWNERS_HELP, MAIN_HELP } from '../../../src/cli/help';
import { parseCommandLine } from '../../../src/cli/args';
import { DEMO } from '../../../sandbox/site';

describe('help texts', () => {
  it.each([
    ['main', MAIN_HELP],
    ['audit', AUDIT_HELP],
  ])('the %s help lists --help and --version within 80 columns', (_topic, text) => {
    expect(text).toMatch(/-h, --help\s/);
    expect(text).toMatch(/-v, --version\s/);
    for (const line of text.split('\n')) expectSaying(line.length, line).toBeLessThanOrEqual(80);
  });

  it.each([
    ['assign', ASSIGN_HELP],
    ['export-owners', EXPORT_OWNERS_HELP],
  ])('the %s help lists --help within 80 columns', (_topic, text) => {
    expect(text).toMatch(/-h, --help\s/);
    for (const line of text.split('\n')) expectSaying(line.length, line).toBeLessThanOrEqual(80);
  });

  // `--demo` without `--project` works on the demo project for every command (as audit always has): no usage
  // line may say --project is required there, and each help names the project it falls back to.
  it.each([
    ['main', MAIN_HELP, /export-owners/],
    ['audit', AUDIT_HELP, /audit/],
    ['export-owners', EXPORT_OWNERS_HELP, /export-owners/],
  ])(
    'the %s help says --project is optional with --demo, and what it defaults to',
    (_topic, text, command) => {
      const usage = text
        .split('\n')
        .filter((l) => /role-split (audit|export-owners)/.test(l) && command.test(l));
      expect(usage.length).toBeGreaterThan(0);
      for (const line of usage) {
        if (line.includes('--demo')) expect(line).not.toMatch(/--demo\)? --project KEY/);
      }
      expect(usage.some((l) => /--demo \[--project KEY\]/.test(l) || /--demo \[options\]/.test(l))).toBe(
        true,
      );
      if (text !== MAIN_HELP)
        expect(text.replace(/\s+/g, ' ')).toContain(`the demo project, ${DEMO.projectKey}`);
    },
  );

  it('--from-field with --demo and no --project is accepted, as the assign help says', () => {
    expect(ASSIGN_HELP.replace(/\s+/g, ' ')).toContain(`the demo project, ${DEMO.projectKey}`);
    const parsed = parseCommandLine(['assign', '--demo', '--from-field', 'F', '--role', 'po']);
    expect(parsed.ok).toBe(true);
    expect(parseCommandLine(['export-owners', '--demo']).ok).toBe(true);
  });
});
