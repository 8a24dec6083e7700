import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { schedulerDb } from "../../src/db/d1/client.ts";
import { pruneLedger } from "../../src/db/d1/runs.ts";

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
