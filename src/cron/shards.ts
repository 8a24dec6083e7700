/**
 * Sharding by UUID range. User ids are random UUIDs, uniformly spread, so shard k of S covers
 * [k/S, (k+1)/S) of the 128-bit space: a primary-key range scan per shard, no hashing, no hot
 * shard. Postgres orders uuid bytewise, which is the order of the lower-case hex strings here.
 */
const SPACE = 1n << 128n;

export interface IdRange {
  /** Inclusive lower bound. */
  lower: string;
  /** Exclusive upper bound; null for the end of the space. */
  upper: string | null;
}

export function uuidFromBigInt(n: bigint): string {
  const hex = n.toString(16).padStart(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function uuidToBigInt(uuid: string): bigint {
  return BigInt(`0x${uuid.replaceAll("-", "")}`);
}

export function shardRange(shard: number, shards: number): IdRange {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be a positive integer: ${shards}`);
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards) throw new RangeError(`shard ${shard} of ${shards}`);
  const lower = (SPACE * BigInt(shard)) / BigInt(shards);
  const upper = (SPACE * BigInt(shard + 1)) / BigInt(shards);
  return { lower: uuidFromBigInt(lower), upper: upper >= SPACE ? null : uuidFromBigInt(upper) };
}

/** The range holding exactly one user: [id, id + 1). */
export function singleUserRange(userId: string): IdRange {
  const n = uuidToBigInt(userId.toLowerCase());
  return { lower: uuidFromBigInt(n), upper: n + 1n >= SPACE ? null : uuidFromBigInt(n + 1n) };
}
