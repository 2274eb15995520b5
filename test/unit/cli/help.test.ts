import { describe, expect, it } from '@jest/globals';
import { expectSaying } from '../../support/jest-helpers';
import { AUDIT_HELP, MAIN_HELP } from '../../../src/cli/help';

describe('help texts', () => {
  it.each([
    ['main', MAIN_HELP],
    ['audit', AUDIT_HELP],
  ])('the %s help lists --help and --version within 80 columns', (_topic, text) => {
    expect(text).toMatch(/-h, --help\s/);
    expect(text).toMatch(/-v, --version\s/);
    for (const line of text.split('\n')) expectSaying(line.length, line).toBeLessThanOrEqual(80);
  });
});
