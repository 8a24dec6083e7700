/**
 * The heartbeat through the real runtime: the scheduled handler dispatches into the real
 * pam-tasks queue, whose consumer runs fuel-monitoring. Ticks are in the future and strictly
 * increasing, as the dispatcher ignores ticks older than a task's last slot.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { api, json, setFaults, waitForRun } from "./support.ts";

async function tick(iso: string) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: new Date(iso) }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function fuelRuns(fromIso: string, toIso: string) {
  const { runs } = await json(await api("/admin/runs?task=fuel-monitoring&limit=200"));
  return (runs as any[])
    .filter((r) => r.slot >= fromIso && r.slot <= toIso)
    .sort((a, b) => a.slot.localeCompare(b.slot));
}

describe("heartbeat dispatch", () => {
  it("the first tick a task sees starts its schedule without backfill", async () => {
    await tick("2031-03-01T01:47:00Z");
    expect(await fuelRuns("2031-03-01T00:00:00.000Z", "2031-03-01T01:47:00.000Z")).toEqual([]);
  });

  it("the same tick fired twice creates one run", async () => {
    await Promise.all([tick("2031-03-01T01:50:00Z"), tick("2031-03-01T01:50:00Z")]);
    await tick("2031-03-01T01:50:00Z");
    const runs = await fuelRuns("2031-03-01T01:50:00.000Z", "2031-03-01T01:50:00.000Z");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "cron", shardsTotal: 8 });
    expect((await waitForRun(runs[0].id)).status).toBe("succeeded");
  });

  it("dispatch needs no Postgres: a tick while the SQL endpoint is down still creates and sends the run", async () => {
    await setFaults({ failRate: 1, failPhase: "before" });
    let run: any;
    try {
      await tick("2031-03-01T01:55:00Z");
      [run] = await fuelRuns("2031-03-01T01:55:00.000Z", "2031-03-01T01:55:00.000Z");
      expect(run).toMatchObject({ trigger: "cron", shardsTotal: 8, dispatchedAt: expect.any(String) });
    } finally {
      await setFaults({ failRate: 0 });
    }
    // Its shards retried while Postgres was unreachable, then completed.
    expect((await waitForRun(run.id)).status).toBe("succeeded");
  });

  it("after downtime from 02:00 to 02:40, the 02:41 tick catches up the latest slot and records the rest as skipped", async () => {
    await tick("2031-03-01T02:41:00Z");
    const runs = await fuelRuns("2031-03-01T02:00:00.000Z", "2031-03-01T02:41:00.000Z");
    expect(runs.map((r) => `${r.slot.slice(11, 16)} ${r.trigger} ${r.status}`)).toEqual([
      "02:00 catchup skipped",
      "02:05 catchup skipped",
      "02:10 catchup skipped",
      "02:15 catchup skipped",
      "02:20 catchup skipped",
      "02:25 catchup skipped",
      "02:30 catchup skipped",
      "02:35 catchup skipped",
      expect.stringMatching(/^02:40 catchup (queued|running|succeeded)$/),
    ]);
    expect(runs[0].reason).toMatch(/latest/);
    expect((await waitForRun(runs.at(-1).id)).status).toBe("succeeded");
  });

  it("a paused task is not dispatched, and resumes without catching up the pause", async () => {
    await api("/admin/tasks/fuel-monitoring/pause", { method: "POST" });
    await tick("2031-03-01T02:45:00Z");
    await api("/admin/tasks/fuel-monitoring/resume", { method: "POST" });
    await tick("2031-03-01T02:50:00Z");
    const runs = await fuelRuns("2031-03-01T02:45:00.000Z", "2031-03-01T02:50:00.000Z");
    expect(runs.map((r) => `${r.slot.slice(11, 16)} ${r.trigger}`)).toEqual(["02:50 cron"]);
    await waitForRun(runs[0].id);
  });

  it("overlap skip: a slot is skipped while the previous run is still in progress", async () => {
    const blocker = crypto.randomUUID();
    await env.DB.prepare(
      "insert into task_runs (id, task, slot, trigger, status, shards_total, created_at, dispatched_at) values (?, 'fuel-monitoring', ?, 'manual', 'running', 8, ?, ?)",
    )
      .bind(blocker, "2031-03-01T02:54:00.000Z", "2031-03-01T02:54:00.000Z", "2031-03-01T02:54:00.000Z")
      .run();
    try {
      await tick("2031-03-01T02:55:00Z");
    } finally {
      await env.DB.prepare("update task_runs set status = 'failed', reason = 'test blocker' where id = ?").bind(blocker).run();
    }
    const [run] = await fuelRuns("2031-03-01T02:55:00.000Z", "2031-03-01T02:55:00.000Z");
    expect(run).toMatchObject({ trigger: "cron", status: "skipped" });
    expect(run.reason).toMatch(/overlap/);
  });
});
