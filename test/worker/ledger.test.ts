import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { schedulerDb } from "../../src/db/d1/client.ts";
import { claimRuns, failRun, getRun, insertRuns, pruneLedger, recordPage } from "../../src/db/d1/runs.ts";

async function insertRun(id: string, createdAt: string, status: string) {
  await env.DB.prepare(
    "insert into task_runs (id, task, slot, trigger, status, shards_total, created_at) values (?, 'retention-test', ?, 'manual', ?, 1, ?)",
  )
    .bind(id, createdAt, status, createdAt)
    .run();
  await env.DB.prepare("insert into processed_pages (run_id, shard, cursor, next_cursor) values (?, 0, '', null)").bind(id).run();
}

const count = async (sql: string, id: string) =>
  (await env.DB.prepare(sql).bind(id).first<{ n: number }>())!.n;

describe("ledger retention", () => {
  it("prunes pages of old runs, then the old finished runs, and keeps what is recent or in progress", async () => {
    const old = crypto.randomUUID();
    const oldRunning = crypto.randomUUID();
    const recent = crypto.randomUUID();
    await insertRun(old, "2026-01-01T00:00:00.000Z", "succeeded");
    await insertRun(oldRunning, "2026-01-01T00:00:00.000Z", "running");
    await insertRun(recent, "2026-03-01T00:00:00.000Z", "succeeded");
    const db = schedulerDb(env.DB);
    const cutoffs = { pagesBefore: new Date("2026-02-01T00:00:00Z"), runsBefore: new Date("2026-02-01T00:00:00Z") };

    const first = await pruneLedger(db, cutoffs);
    expect(first.pages).toBeGreaterThanOrEqual(1);
    const pages = "select count(*) as n from processed_pages where run_id = ?";
    const runs = "select count(*) as n from task_runs where id = ?";
    expect(await count(pages, old)).toBe(0);
    expect(await count(pages, oldRunning)).toBe(1);
    expect(await count(pages, recent)).toBe(1);

    // Runs go once their pages are gone (the same call, or the next hourly one).
    await pruneLedger(db, cutoffs);
    expect(await count(runs, old)).toBe(0);
    expect(await count(runs, oldRunning)).toBe(1);
    expect(await count(runs, recent)).toBe(1);
  });
});

describe("run ledger", () => {
  const db = () => schedulerDb(env.DB);
  const newRun = async (shards = 2) => {
    const [run] = await insertRuns(db(), [
      { id: crypto.randomUUID(), task: "ledger-test", slot: new Date().toISOString(), trigger: "manual", shardsTotal: shards },
    ]);
    return run!;
  };
  const page = (runId: string, shard: number, cursor: string, nextCursor: string | null) => ({
    runId,
    shard,
    cursor,
    nextCursor,
    users: 10,
    actions: 1,
    skipped: 0,
    attempts: 1,
    sqlRoundTrips: 1,
    sqlMs: 5,
  });

  it("a run is claimed for sending by one caller only, however many race", async () => {
    const run = await newRun();
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => claimRuns(db(), [run.id], new Date(now.getTime() - 600_000), now)),
    );
    expect(claims.flat().map((r) => r.id)).toEqual([run.id]);
    // Not started ten minutes later: the claim has lapsed and the run can be sent again.
    const later = new Date(now.getTime() + 11 * 60_000);
    expect(await claimRuns(db(), [run.id], new Date(later.getTime() - 600_000), later)).toHaveLength(1);
  });

  it("counts a shard once even if two copies record different last pages", async () => {
    const run = await newRun(2);
    const at = new Date();
    await recordPage(db(), page(run.id, 0, "", "11111111-1111-4111-8111-111111111111"), at);
    // Two racing copies of shard 0 stored different cursors after page one.
    await recordPage(db(), page(run.id, 0, "11111111-1111-4111-8111-111111111111", null), at);
    await recordPage(db(), page(run.id, 0, "22222222-2222-4222-8222-222222222222", null), at);
    let current = await getRun(db(), run.id);
    expect(current).toMatchObject({ shardsDone: 1, status: "running" });
    const { nextCursor } = await recordPage(db(), page(run.id, 1, "", null), at);
    expect(nextCursor).toBeNull();
    current = await getRun(db(), run.id);
    expect(current).toMatchObject({ shardsDone: 2, status: "succeeded" });
  });

  it("a page recorded twice keeps the first cursor, and the second copy continues from it", async () => {
    const run = await newRun(1);
    const at = new Date();
    const first = await recordPage(db(), page(run.id, 0, "", "33333333-3333-4333-8333-333333333333"), at);
    const second = await recordPage(db(), page(run.id, 0, "", "44444444-4444-4444-8444-444444444444"), at);
    expect(first.nextCursor).toBe("33333333-3333-4333-8333-333333333333");
    expect(second.nextCursor).toBe("33333333-3333-4333-8333-333333333333");
    expect(second.run).toMatchObject({ usersScanned: 10, actions: 2 });
  });

  it("a finished run is not failed by a late dead letter", async () => {
    const run = await newRun(1);
    await recordPage(db(), page(run.id, 0, "", null), new Date());
    await failRun(db(), run.id, "dead letter: retries exhausted", new Date());
    expect((await getRun(db(), run.id))!.status).toBe("succeeded");
  });
});
