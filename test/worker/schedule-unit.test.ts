import { describe, expect, it } from "vitest";
import { firesAt, minuteSlot, nextFireTimes, slotsBetween } from "../../src/cron/schedule.ts";
import { shardRange, singleUserRange, uuidToBigInt } from "../../src/cron/shards.ts";

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe("schedule math", () => {
  it("lists the slots in (after, until], oldest first", () => {
    const slots = slotsBetween("*/5 * * * *", "UTC", new Date("2026-01-15T01:59:00Z"), new Date("2026-01-15T02:41:30Z"));
    expect(iso(slots)).toEqual([
      "2026-01-15T02:00:00.000Z",
      "2026-01-15T02:05:00.000Z",
      "2026-01-15T02:10:00.000Z",
      "2026-01-15T02:15:00.000Z",
      "2026-01-15T02:20:00.000Z",
      "2026-01-15T02:25:00.000Z",
      "2026-01-15T02:30:00.000Z",
      "2026-01-15T02:35:00.000Z",
      "2026-01-15T02:40:00.000Z",
    ]);
  });

  it("includes `until` when it is a slot, excludes `after`", () => {
    const slots = slotsBetween("0 * * * *", "UTC", new Date("2026-01-15T01:00:00Z"), new Date("2026-01-15T03:00:00Z"));
    expect(iso(slots)).toEqual(["2026-01-15T02:00:00.000Z", "2026-01-15T03:00:00.000Z"]);
  });

  it("keeps the newest slots when capped", () => {
    const slots = slotsBetween("* * * * *", "UTC", new Date("2026-01-15T00:00:00Z"), new Date("2026-01-15T01:00:00Z"), 3);
    expect(iso(slots)).toEqual(["2026-01-15T00:58:00.000Z", "2026-01-15T00:59:00.000Z", "2026-01-15T01:00:00.000Z"]);
  });

  it("without a previous slot, considers only the tick itself", () => {
    expect(slotsBetween("*/5 * * * *", "UTC", null, new Date("2026-01-15T02:41:00Z"))).toEqual([]);
    expect(iso(slotsBetween("*/5 * * * *", "UTC", null, new Date("2026-01-15T02:45:00Z")))).toEqual([
      "2026-01-15T02:45:00.000Z",
    ]);
  });

  it("evaluates schedules in their timezone, DST included", () => {
    // 07:00 in Sydney is 20:00 UTC in January (AEDT, +11) and 21:00 UTC in July (AEST, +10).
    expect(firesAt("0 7 * * *", "Australia/Sydney", new Date("2026-01-14T20:00:00Z"))).toBe(true);
    expect(firesAt("0 7 * * *", "Australia/Sydney", new Date("2026-07-14T21:00:00Z"))).toBe(true);
    expect(firesAt("0 7 * * *", "Australia/Sydney", new Date("2026-07-14T20:00:00Z"))).toBe(false);
  });

  it("gives the next fire times", () => {
    expect(iso(nextFireTimes("0 3 1 * *", "UTC", new Date("2026-01-15T00:00:00Z"), 2))).toEqual([
      "2026-02-01T03:00:00.000Z",
      "2026-03-01T03:00:00.000Z",
    ]);
    expect(minuteSlot(new Date("2026-01-15T02:41:59.999Z")).toISOString()).toBe("2026-01-15T02:41:00.000Z");
  });
});

describe("UUID-range shards", () => {
  it("tile the id space without gaps or overlap", () => {
    const shards = 7;
    const ranges = Array.from({ length: shards }, (_, k) => shardRange(k, shards));
    expect(ranges[0]!.lower).toBe("00000000-0000-0000-0000-000000000000");
    expect(ranges.at(-1)!.upper).toBeNull();
    for (let k = 1; k < shards; k++) expect(ranges[k]!.lower).toBe(ranges[k - 1]!.upper);
    expect(ranges.map((r) => r.lower)).toEqual([...ranges.map((r) => r.lower)].sort());
  });

  it("split the space evenly", () => {
    const a = shardRange(1, 4);
    expect(a.lower).toBe("40000000-0000-0000-0000-000000000000");
    expect(a.upper).toBe("80000000-0000-0000-0000-000000000000");
  });

  it("a single-user range holds exactly that id", () => {
    const id = "3f2a9c4e-1b7d-4e8f-9a0b-c1d2e3f4a5b6";
    const r = singleUserRange(id);
    expect(r.lower).toBe(id);
    expect(uuidToBigInt(r.upper!) - uuidToBigInt(id)).toBe(1n);
  });

  it("reject impossible shards", () => {
    expect(() => shardRange(4, 4)).toThrow(RangeError);
    expect(() => shardRange(0, 0)).toThrow(RangeError);
  });
});
