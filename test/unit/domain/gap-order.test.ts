import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import {
  compareIssueKeys,
  keyOrder,
  numberOfKey,
  projectOfKey,
  sortInKeyOrder,
} from '../../../src/domain/gap-order';

describe('issue key parts', () => {
  it('splits at the last dash', () => {
    expect(keyOrder('ALPHA-42')).toEqual({ project: 'ALPHA', number: 42 });
    expect(keyOrder('ALPHA')).toEqual({ project: 'ALPHA', number: NaN });
    expect(keyOrder('ALPHA-')).toEqual({ project: 'ALPHA', number: NaN });
    expect(keyOrder('ALPHA-4x')).toEqual({ project: 'ALPHA', number: NaN });
    expect(keyOrder('A-B-7')).toEqual({ project: 'A-B', number: 7 });
  });

  it('takes the project from the key itself, and reads leading zeros as a number', () => {
    expect(projectOfKey('ALPHA-1')).toBe('ALPHA');
    expect(projectOfKey('ALPHA')).toBe('ALPHA');
    expect(numberOfKey('X-007')).toBe(7);
    expect(numberOfKey('X-')).toBeNaN();
  });
});

describe('sortInKeyOrder', () => {
  const keyArb = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom('A', 'AB', 'B', 'ALPHA'), fc.nat({ max: 3000 }))
        .map(([p, n]) => `${p}-${n}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('A', 'B'), fc.constantFrom('01', '001', '1', ''))
        .map(([p, n]) => `${p}-${n}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('A-99999999999', 'A-2147483648', 'A-2147483647', 'A', 'A-x') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );

  it('gives the same order as sorting with compareIssueKeys, duplicates included', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 200 }), (keys) => {
        const expected = [...keys].sort(compareIssueKeys);
        expect(sortInKeyOrder(keys, (k) => k)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('sorts numerically within a project and projects by code unit', () => {
    expect(sortInKeyOrder(['B-1', 'A-10', 'A-9', 'AB-2', 'A-x', 'A-01', 'A-1'], (k) => k)).toEqual([
      'A-01',
      'A-1',
      'A-9',
      'A-10',
      'A-x',
      'AB-2',
      'B-1',
    ]);
  });
});
