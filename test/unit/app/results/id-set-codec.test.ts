// The scanned-id codec: any set of issue ids round-trips, in any order and with duplicates, hashes equal for
// equal sets only, and dense ids (as Jira's are) take about a byte and a half of base64 each.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeIds, encodeIds, hashIds, sortIds } from '../../../../src/app/results/id-set-codec';

const issueId = fc.oneof(
  fc.nat({ max: 200_000 }).map((n) => String(10_000 + n)),
  fc.bigInt({ min: 0n, max: 999_999_999_999_999_999n }).map(String),
);

describe('id set codec', () => {
  it('round-trips any set of ids, sorted numerically', () => {
    fc.assert(
      fc.property(fc.array(issueId, { maxLength: 300 }), (ids) => {
        const decoded = decodeIds(encodeIds(ids));
        expect(decoded).toEqual(
          [...new Set(ids.map((id) => BigInt(id)))].sort((a, b) => (a < b ? -1 : 1)).map(String),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('hashes a set the same way in any order, and another set differently', () => {
    fc.assert(
      fc.property(fc.uniqueArray(issueId, { minLength: 1, maxLength: 100 }), (ids) => {
        expect(hashIds([...ids].reverse())).toBe(hashIds(ids));
        expect(hashIds(ids.slice(1))).not.toBe(hashIds(ids));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps 50,000 dense ids small enough for one KVS value', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => String(10_000 + i * 2));
    const encoded = encodeIds(ids);
    expect(encoded.length).toBeLessThan(50_000 * 1.5);
    expect(decodeIds(encoded)).toEqual(ids);
  });

  it('refuses what is not an issue id', () => {
    expect(() => sortIds(['12', 'ALPHA-1'])).toThrow(/Not an issue id/);
    expect(() => decodeIds(Buffer.from([0x80]).toString('base64'))).toThrow(/ends inside/);
  });
});
