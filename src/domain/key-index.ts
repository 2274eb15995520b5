// Positions of string keys in a list, in flat typed arrays (open addressing, linear probing). The engine
// indexes 100k+ issue keys per scan; a `Map` spends much of that time growing and rehashing on the garbage-
// collected heap, while this table is sized once, off-heap, and measured several times cheaper in CPU.
// Each slot also keeps its key's hash, so a probe only reads a stored key (a likely cache miss: the key lives
// in an issue object somewhere on the heap) when the hashes already match.

const EMPTY = -1;

/** FNV-1a over UTF-16 code units: cheap, and a good spread for issue keys such as `ALPHA-123`. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}

export class KeyIndex {
  private readonly positions: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;

  /** `keyAt(position)` gives the key stored at a position; `capacity` is the most positions ever inserted. */
  constructor(
    private readonly keyAt: (position: number) => string,
    capacity: number,
  ) {
    let size = 2;
    while (size < capacity * 2) size *= 2; // at most half full, so probes stay short
    this.positions = new Int32Array(size).fill(EMPTY);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Records `position` under its key unless the key is already there; returns the position that holds it. */
  insert(position: number): number {
    const key = this.keyAt(position);
    const hash = hashKey(key);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.positions[slot] ?? EMPTY;
      if (held === EMPTY) {
        this.positions[slot] = position;
        this.hashes[slot] = hash;
        return position;
      }
      if (this.hashes[slot] === hash && this.keyAt(held) === key) return held;
    }
  }

  /** The position holding `key`, or -1. */
  get(key: string): number {
    const hash = hashKey(key);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.positions[slot] ?? EMPTY;
      if (held === EMPTY || (this.hashes[slot] === hash && this.keyAt(held) === key)) return held;
    }
  }
}
