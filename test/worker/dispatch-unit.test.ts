import { describe, expect, it } from "vitest";
import { planDispatch, runMessages, type TaskStateView } from "../../src/cron/dispatch.ts";
import type { TaskDefinition } from "../../src/cron/registry.ts";
import type { TaskRun } from "../../src/db/d1/runs.ts";

const base: TaskDefinition = {
  name: "every-5",
  description: "",
  schedule: "*/5 * * * *",
  timezone: "UTC",
  queue: "tasks",
  shards: 4,
  pageSize: 500,
  catchUp: { policy: "latest", lookBackMinutes: 60 },
  overlap: "skip",
  staleAfterMinutes: 15,
  spreadSeconds: 0,
};
const task = (over: Partial<TaskDefinition>): TaskDefinition => ({ ...base, ...over });
const state = (lastSlot: string | null, paused = false): Map<string, TaskStateView> =>
  new Map([["every-5", { lastSlot, paused }]]);
let n = 0;
const ids = () => `run-${++n}`;
const at = (s: string) => new Date(s);
const summary = (runs: ReturnType<typeof planDispatch>["runs"]) =>
  runs.map((r) => `${r.slot.slice(11, 16)} ${r.trigger} ${r.status}`);

describe("planDispatch", () => {
  it("runs the slot of the tick", () => {
    const plan = planDispatch([base], state("2026-01-15T02:40:00.000Z"), [], at("2026-01-15T02:45:00Z"), ids);
    expect(summary(plan.runs)).toEqual(["02:45 cron queued"]);
    expect(plan.runs[0]!.shardsTotal).toBe(4);
    expect(plan.lastSlots.get("every-5")!.toISOString()).toBe("2026-01-15T02:45:00.000Z");
  });

  it("does nothing between slots, and nothing for a tick already handled", () => {
    expect(planDispatch([base], state("2026-01-15T02:40:00.000Z"), [], at("2026-01-15T02:41:00Z"), ids).runs).toEqual([]);
    expect(planDispatch([base], state("2026-01-15T02:45:00.000Z"), [], at("2026-01-15T02:45:00Z"), ids).runs).toEqual([]);
    expect(planDispatch([base], state("2026-01-15T02:50:00.000Z"), [], at("2026-01-15T02:45:00Z"), ids).runs).toEqual([]);
  });

  it("does not backfill a task seen for the first time", () => {
    const plan = planDispatch([base], new Map(), [], at("2026-01-15T02:41:00Z"), ids);
    expect(plan.runs).toEqual([]);
    expect(plan.lastSlots.get("every-5")!.toISOString()).toBe("2026-01-15T02:41:00.000Z");
  });

  // Heartbeats 02:00–02:40 never fired; the tick at 02:41 does.
  const outage = () => state("2026-01-15T01:59:00.000Z");

  it("catch-up latest: runs the newest missed slot, records the others as skipped", () => {
    const plan = planDispatch([base], outage(), [], at("2026-01-15T02:41:00Z"), ids);
    expect(summary(plan.runs)).toEqual([
      "02:00 catchup skipped",
      "02:05 catchup skipped",
      "02:10 catchup skipped",
      "02:15 catchup skipped",
      "02:20 catchup skipped",
      "02:25 catchup skipped",
      "02:30 catchup skipped",
      "02:35 catchup skipped",
      "02:40 catchup queued",
    ]);
    expect(plan.runs[0]!.reason).toMatch(/latest/);
  });

  it("catch-up all: runs every missed slot within the look-back cap", () => {
    const plan = planDispatch(
      [task({ catchUp: { policy: "all", lookBackMinutes: 20 } })],
      outage(),
      [],
      at("2026-01-15T02:41:00Z"),
      ids,
    );
    // 02:21 is the horizon: 02:25, 02:30, 02:35, 02:40 run; older slots are not even recorded.
    expect(summary(plan.runs)).toEqual([
      "02:25 catchup queued",
      "02:30 catchup queued",
      "02:35 catchup queued",
      "02:40 catchup queued",
    ]);
  });

  it("catch-up none: records missed slots as skipped and runs only the current one", () => {
    const plan = planDispatch(
      [task({ catchUp: { policy: "none", lookBackMinutes: 15 } })],
      outage(),
      [],
      at("2026-01-15T02:45:00Z"),
      ids,
    );
    expect(summary(plan.runs)).toEqual(["02:35 catchup skipped", "02:40 catchup skipped", "02:45 cron queued"]);
  });

  it("overlap skip: a slot is skipped while a recent run is in progress, not when it is stale", () => {
    const busy = [{ task: "every-5", createdAt: "2026-01-15T02:40:00.000Z" }] as Pick<TaskRun, "task" | "createdAt">[];
    const plan = planDispatch([base], state("2026-01-15T02:40:00.000Z"), busy, at("2026-01-15T02:45:00Z"), ids);
    expect(summary(plan.runs)).toEqual(["02:45 cron skipped"]);
    expect(plan.runs[0]!.reason).toMatch(/overlap/);

    const stale = [{ task: "every-5", createdAt: "2026-01-15T02:00:00.000Z" }] as Pick<TaskRun, "task" | "createdAt">[];
    const later = planDispatch([base], state("2026-01-15T02:40:00.000Z"), stale, at("2026-01-15T02:45:00Z"), ids);
    expect(summary(later.runs)).toEqual(["02:45 cron queued"]);

    const allow = planDispatch([task({ overlap: "allow" })], state("2026-01-15T02:40:00.000Z"), busy, at("2026-01-15T02:45:00Z"), ids);
    expect(summary(allow.runs)).toEqual(["02:45 cron queued"]);
  });

  it("a paused task creates nothing and advances its last slot", () => {
    const plan = planDispatch([base], state("2026-01-15T02:40:00.000Z", true), [], at("2026-01-15T02:45:00Z"), ids);
    expect(plan.runs).toEqual([]);
    expect(plan.lastSlots.get("every-5")!.toISOString()).toBe("2026-01-15T02:45:00.000Z");
  });
});

describe("runMessages", () => {
  const run = {
    id: "0b9e7c1e-8a4f-4c55-9d7e-2f1a3b4c5d6e",
    task: "every-5",
    slot: "2026-01-15T02:45:00.000Z",
    shardsTotal: 4,
    userId: null,
  } as TaskRun;

  it("sends one message per shard", () => {
    const msgs = runMessages(run, base);
    expect(msgs.map((m) => m.body.shard)).toEqual([0, 1, 2, 3]);
    expect(msgs[0]!.body).toEqual({
      v: 1,
      type: "task",
      task: "every-5",
      runId: run.id,
      slot: run.slot,
      shard: 0,
      shards: 4,
    });
    expect(msgs.every((m) => m.delaySeconds === undefined)).toBe(true);
  });

  it("spreads shards deterministically over the spread window", () => {
    const msgs = runMessages(run, task({ spreadSeconds: 120 }));
    expect(msgs.map((m) => m.delaySeconds)).toEqual([0, 30, 60, 90]);
  });
});
