// The set-waiver payload: every gap code can be waived but OWNERSHIP_INVALID (an unreadable ownership property
// must be fixed, not hidden), and only known codes.
import { describe, expect, it } from '@jest/globals';
import { resolverContract } from '../../../src/contract/resolvers';
import { GAP_CODES } from '../../../src/domain/model';

const payload = resolverContract['issue/set-waiver'].payload;
const waiverOf = (code: string) => ({
  code,
  reason: 'Agreed with the PM lead',
  expiresAt: '2027-01-01T00:00:00Z',
});

describe('issue/set-waiver payload', () => {
  it.each(GAP_CODES.filter((code) => code !== 'OWNERSHIP_INVALID'))('accepts a waiver of %s', (code) => {
    expect(payload.safeParse(waiverOf(code)).success).toBe(true);
  });

  it('refuses a waiver of OWNERSHIP_INVALID, and an unknown code', () => {
    expect(payload.safeParse(waiverOf('OWNERSHIP_INVALID')).success).toBe(false);
    expect(payload.safeParse(waiverOf('NOT_A_CODE')).success).toBe(false);
  });
});
