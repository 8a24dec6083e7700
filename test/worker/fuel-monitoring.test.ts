/**
 * fuel-monitoring end to end: admin API → D1 run → pam-tasks queue → consumer → Postgres via
 * the Neon protocol, compared user by user with the rule computed independently in TS.
 */
import { createMessageBatch, createExecutionContext, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runMessages } from "../../src/cron/dispatch.ts";
import { findTask } from "../../src/cron/registry.ts";
import { schedulerDb } from "../../src/db/d1/client.ts";
import { insertRuns } from "../../src/db/d1/runs.ts";
import worker from "../../src/index.ts";
import { type ExpectedAlert, expectedFuelAlerts, greatCircleKm, type Rows } from "../support/fuel-expectation.ts";
import { type getRun, setFaults, startRun, testSql, waitForRun } from "./support.ts";

const sql = testSql();

interface NotificationRow {
  user_id: string;
  kind: string;
  priority: string;
  dedupe_key: string;
  data: {
    fuelPercent: number;
    estimatedLiters: number;
    rangeKm: number;
    stations: { id: string; name: string; lat: number; lng: number; distanceKm: number }[];
  };
}

async function loadRows(): Promise<Rows> {
  const [profiles, vehicles, fuelLogs, readings, stations] = await Promise.all([
    sql`select id, status from profiles`,
    sql`select id, user_id, is_primary, tank_capacity_l, fuel_economy_l_per_100km from vehicles`,
    sql`select id, vehicle_id, filled_at, liters, odometer_km, full_tank, lat, lng from fuel_logs`,
    sql`select vehicle_id, odometer_km, recorded_at, lat, lng from odometer_readings`,
    sql`select id, name, lat, lng from fuel_stations`,
  ]);
  return { profiles, vehicles, fuelLogs, readings, stations } as unknown as Rows;
}

async function fuelNotifications(): Promise<NotificationRow[]> {
  return (await sql`select user_id, kind, priority, dedupe_key, data from notifications
    where kind in ('fuel_low', 'fuel_critical') order by user_id, kind`) as NotificationRow[];
}

function expectMatches(actual: NotificationRow[], expected: Map<string, ExpectedAlert>, stations: Rows["stations"]) {
  const byUser = new Map(actual.map((n) => [n.user_id, n]));
  expect(actual).toHaveLength(byUser.size); // one notification per user
  expect([...byUser.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [userId, want] of expected) {
    const got = byUser.get(userId)!;
    expect(got.kind, userId).toBe(want.kind);
    expect(got.priority, userId).toBe(want.priority);
    expect(got.dedupe_key, userId).toBe(want.dedupeKey);
    expect(got.data.fuelPercent, userId).toBeCloseTo(want.fuelPercent, 0);
    expect(got.data.estimatedLiters, userId).toBeCloseTo(want.estimatedLiters, 0);
    expect(Math.abs(got.data.rangeKm - want.rangeKm), userId).toBeLessThanOrEqual(0.51);
    expect(got.data.stations.map((s) => s.id), userId).toEqual(want.stations.map((s) => s.id));
    expect(got.data.stations.length).toBeLessThanOrEqual(3);
    for (const [i, s] of got.data.stations.entries()) {
      const station = stations.find((x) => x.id === s.id)!;
      expect(s.name).toBe(station.name);
      expect(s.distanceKm).toBeCloseTo(want.stations[i]!.distanceKm, 0);
      expect(s.distanceKm).toBeLessThanOrEqual(50);
      if (i > 0) expect(s.distanceKm).toBeGreaterThanOrEqual(got.data.stations[i - 1]!.distanceKm);
    }
  }
}

describe("fuel-monitoring end to end", () => {
  let rows: Rows;
  let expected: ReturnType<typeof expectedFuelAlerts>;

  beforeAll(async () => {
    rows = await loadRows();
    expected = expectedFuelAlerts(rows, new Date());
    await sql`delete from notifications where kind in ('fuel_low', 'fuel_critical')`;
  });

  it("the seeded fleet exercises every case of the rule", () => {
    const kinds = [...expected.alerts.values()].map((a) => a.kind);
    expect(kinds.filter((k) => k === "fuel_low").length).toBeGreaterThan(10);
    expect(kinds.filter((k) => k === "fuel_critical").length).toBeGreaterThan(10);
    expect(expected.skipped).toBeGreaterThan(10);
    expect([...expected.alerts.values()].some((a) => a.stations.length === 0)).toBe(true);
    expect([...expected.alerts.values()].some((a) => a.stations.length === 3)).toBe(true);
    expect(rows.profiles.some((p) => p.status !== "active")).toBe(true);
  });

  it("a manual run creates exactly the notifications the rule gives, user by user", async () => {
    const run = await waitForRun(await startRun("fuel-monitoring"));
    expected = expectedFuelAlerts(rows, new Date(run.slot)); // as of the run's own slot
    expect(run).toMatchObject({
      status: "succeeded",
      trigger: "manual",
      shardsTotal: 8,
      shardsDone: 8,
      usersScanned: expected.scanned,
      skipped: expected.skipped,
      actions: expected.alerts.size,
    });
    expectMatches(await fuelNotifications(), expected.alerts, rows.stations);
    // One statement per page: the run detail reports the round trips it measured.
    expect(run.pages).toBeGreaterThanOrEqual(8);
    expect(run.sqlRoundTripsPerPage.max).toBeLessThanOrEqual(3);
    expect(run.sqlRoundTrips).toBe(run.pages * run.sqlRoundTripsPerPage.max);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("running again creates nothing new", async () => {
    const before = await fuelNotifications();
    const run = await waitForRun(await startRun("fuel-monitoring"));
    expect(run).toMatchObject({ status: "succeeded", actions: 0, usersScanned: expected.scanned });
    expect(await fuelNotifications()).toEqual(before);
  });

  it("every message delivered twice: no new notification, counters counted once", async () => {
    const before = await fuelNotifications();
    await sql`delete from notifications where kind in ('fuel_low', 'fuel_critical')`;
    const db = schedulerDb(env.DB);
    const [run] = await insertRuns(db, [
      { id: crypto.randomUUID(), task: "fuel-monitoring", slot: new Date().toISOString(), trigger: "manual", shardsTotal: 8 },
    ]);
    const messages = runMessages(run!, findTask("fuel-monitoring")!).map((m) => m.body);
    const deliver = async (copy: string) => {
      const batch = createMessageBatch(
        "pam-tasks",
        [...messages, ...messages].map((body, i) => ({ id: `${copy}-${i}`, timestamp: new Date(), attempts: 1, body })),
      );
      const ctx = createExecutionContext();
      await worker.queue(batch, env, ctx);
      const result = await getQueueResult(batch, ctx);
      expect(result.retryMessages).toEqual([]);
      expect(result.explicitAcks).toHaveLength(16);
    };
    await deliver("first");
    await deliver("second");
    // Continuations sent by those deliveries arrive through the real queue and finish the run.
    const done = await waitForRun(run!.id);
    expect(done).toMatchObject({ status: "succeeded", usersScanned: expected.scanned, actions: expected.alerts.size });
    expect(await fuelNotifications()).toEqual(before);
  });

  it("with 30 % of SQL requests failing, the run still yields exactly the same notifications", async () => {
    await sql`delete from notifications where kind in ('fuel_low', 'fuel_critical')`;
    await setFaults({ failRate: 0.3, failPhase: "either" });
    let run: Awaited<ReturnType<typeof getRun>>;
    try {
      run = await waitForRun(await startRun("fuel-monitoring"), 180_000);
    } finally {
      await setFaults({ failRate: 0 });
    }
    expect(run).toMatchObject({ status: "succeeded", usersScanned: expected.scanned });
    expect(run.retries).toBeGreaterThan(0);
    expect(run.errors).toBe(run.retries);
    // failPhase "either" lets some inserts commit before their response fails: the retried
    // page finds them by dedupe key, so `actions` may undercount but notifications do not.
    expectMatches(await fuelNotifications(), expected.alerts, rows.stations);
  });

  it("a single-user run touches only that user", async () => {
    const [userId] = [...expected.alerts.keys()];
    await sql`delete from notifications where user_id = ${userId} and kind in ('fuel_low', 'fuel_critical')`;
    const run = await waitForRun(await startRun("fuel-monitoring", { userId }));
    expect(run).toMatchObject({ status: "succeeded", usersScanned: 1, actions: 1, shardsTotal: 1, userId });
    expectMatches(await fuelNotifications(), expected.alerts, rows.stations);
  });

  it("a run sees only what existed at its slot: as of 2020 nobody has a fill-up to estimate from", async () => {
    const before = await fuelNotifications();
    const run = await waitForRun(await startRun("fuel-monitoring", { slot: "2020-01-01T00:00:00Z" }));
    expect(run).toMatchObject({ status: "succeeded", slot: "2020-01-01T00:00:00.000Z", usersScanned: expected.scanned });
    expect(run).toMatchObject({ actions: 0, skipped: expected.scanned });
    expect(await fuelNotifications()).toEqual(before);
  });

  it("stations are real great-circle neighbours", () => {
    // Sanity of the independent computation itself: Sydney to Melbourne is ~714 km.
    expect(greatCircleKm(-33.8688, 151.2093, -37.8136, 144.9631)).toBeCloseTo(713.4, 0);
  });
});
