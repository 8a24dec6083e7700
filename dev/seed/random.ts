/**
 * Seedable randomness for the synthetic fleet. Every stream is derived from (seed, labels…)
 * with `streamSeed`, so each user, group or place draws from its own stream: a user's data
 * never depends on who was generated before it (chunk-size independence).
 *
 * The generator is sfc32 (Small Fast Counting, 128-bit state): fast in JS, passes PractRand
 * far beyond what a seed needs, and needs only 32-bit integer maths.
 */

/** FNV-1a over the labels, then a murmur3 finaliser: a well-mixed 32-bit stream seed. */
export function streamSeed(...labels: (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const label of labels) {
    const s = typeof label === "number" ? `#${label}` : label;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A stream for (labels…), e.g. `Rng.for(seed, "user", 17)`. */
  static for(...labels: (number | string)[]): Rng {
    return new Rng(streamSeed(...labels));
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by relative weight: `weighted([["a", 3], ["b", 1]])` returns "a" three times in four. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** `count` distinct items (order random). */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(count, items.length));
  }

  /** Lowercase hex of `bytes` random bytes. */
  hex(bytes: number): string {
    let out = "";
    for (let i = 0; i < bytes; i += 4) {
      const x = this.uint32();
      for (let k = 0; k < 4 && i + k < bytes; k++) out += HEX[(x >>> (24 - 8 * k)) & 0xff];
    }
    return out;
  }

  /**
   * An RFC 4122 version-4 UUID from this stream: 122 uniform bits, so ids spread evenly over
   * the UUID space and a shard (an id range) holds its share of users.
   */
  uuid(): string {
    const w0 = this.uint32();
    const w1 = this.uint32();
    const w2 = this.uint32();
    const w3 = this.uint32();
    const b = (w: number, k: number) => HEX[(w >>> (24 - 8 * k)) & 0xff]!;
    const version = HEX[((w1 >>> 8) & 0x0f) | 0x40]!; // byte 6: 0100xxxx
    const variant = HEX[((w2 >>> 24) & 0x3f) | 0x80]!; // byte 8: 10xxxxxx
    return (
      `${b(w0, 0)}${b(w0, 1)}${b(w0, 2)}${b(w0, 3)}-${b(w1, 0)}${b(w1, 1)}-${version}${b(w1, 3)}-` +
      `${variant}${b(w2, 1)}-${b(w2, 2)}${b(w2, 3)}${b(w3, 0)}${b(w3, 1)}${b(w3, 2)}${b(w3, 3)}`
    );
  }
}

/**
 * Exact proportions instead of luck: for a block of 100 consecutive indexes, a deterministic
 * permutation of 0..99 per (seed, dimension, block). Mapping slot → case through a table of
 * percentages gives every block of 100 users exactly the documented mix, and each dimension
 * is shuffled independently of the others.
 */
export class Slots {
  private readonly seed: number;
  private readonly dimension: string;
  private block = -1;
  private perm: number[] = [];

  constructor(seed: number, dimension: string) {
    this.seed = seed;
    this.dimension = dimension;
  }

  of(index: number): number {
    const block = Math.floor(index / 100);
    if (block !== this.block) {
      this.block = block;
      this.perm = Rng.for(this.seed, "slots", this.dimension, block).shuffle(Array.from({ length: 100 }, (_, i) => i));
    }
    return this.perm[index % 100]!;
  }
}

/** Expands `[["a", 30], ["b", 70]]` (percentages summing to 100) into a 100-entry lookup. */
export function percentTable<T extends string>(entries: readonly (readonly [T, number])[]): T[] {
  const table: T[] = [];
  for (const [value, pct] of entries) for (let i = 0; i < pct; i++) table.push(value);
  if (table.length !== 100) throw new Error(`percentages sum to ${table.length}, expected 100`);
  return table;
}
