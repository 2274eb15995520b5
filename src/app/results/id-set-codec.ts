// The set of issue ids a scan read, small enough for one KVS value at 50,000 issues: ids sorted numerically,
// each written as its difference from the previous one in LEB128 varints, then base64. Jira issue ids are
// mostly dense, so a gap usually fits one byte (about 1.3 base64 characters an issue instead of 6 or more).
// BigInt keeps ids of up to 18 digits exact (the contract's limit), beyond Number's 2^53.
import { createHash } from 'node:crypto';

const ISSUE_ID = /^\d{1,18}$/;

/** Numerically sorted, duplicates removed; throws on anything that is not a numeric issue id. */
export function sortIds(ids: Iterable<string>): string[] {
  const unique = new Set<string>();
  for (const id of ids) {
    if (!ISSUE_ID.test(id)) throw new Error(`Not an issue id: ${JSON.stringify(id).slice(0, 40)}`);
    unique.add(BigInt(id).toString());
  }
  return [...unique].sort(compareIds);
}

export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function encodeIds(ids: Iterable<string>): string {
  const bytes: number[] = [];
  let previous = 0n;
  for (const id of sortIds(ids)) {
    const value = BigInt(id);
    let delta = value - previous;
    previous = value;
    do {
      const low = Number(delta & 0x7fn);
      delta >>= 7n;
      bytes.push(delta > 0n ? low | 0x80 : low);
    } while (delta > 0n);
  }
  return Buffer.from(bytes).toString('base64');
}

export function decodeIds(encoded: string): string[] {
  const bytes = Buffer.from(encoded, 'base64');
  const ids: string[] = [];
  let previous = 0n;
  let delta = 0n;
  let shift = 0n;
  for (const byte of bytes) {
    delta |= BigInt(byte & 0x7f) << shift;
    if (byte & 0x80) {
      shift += 7n;
      continue;
    }
    previous += delta;
    ids.push(previous.toString());
    delta = 0n;
    shift = 0n;
  }
  if (shift !== 0n) throw new Error('Encoded id set ends inside a number');
  return ids;
}

/** A short fingerprint of an id set: equal sets (in any order) have equal hashes. */
export function hashIds(ids: Iterable<string>): string {
  return createHash('sha256').update(encodeIds(ids)).digest('base64url').slice(0, 22);
}
