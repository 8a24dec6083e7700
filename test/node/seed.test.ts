/**
 * The seed generator (dev/seed), pure: no database. Determinism, chunk-size independence, and
 * every case the task rules care about, recomputed here from the rows by the rules of SPEC §7
 * (not from the generator's own bookkeeping), then cross-checked against what was engineered.
 */
import { describe, expect, it } from "vitest";
import {
  ALL_TOWNS,
  distanceKm,
  FUEL_STATION_COUNT,
  generateFuelStations,
  generateServiceShops,
  REMOTE_PLACES,
  SERVICE_SHOP_COUNT,
} from "../../dev/seed/corridors.ts";
import {
  type BudgetBand,
  FLEET_TABLES,
  type FleetChunk,
  type FuelCase,
  generateFleet,
  userIdOf,
} from "../../dev/seed/fleet.ts";
import { Rng, streamSeed } from "../../dev/seed/random.ts";
import { insertStatement } from "../../dev/seed/write.ts";
import * as schema from "../../src/db/pg/schema.ts";

const ANCHOR = "2026-03-15T06:30:00.000Z";
const N = 2000;
const SEED = 42;
const fleet = generateFleet({ seed: SEED, from: 0, to: N, anchor: ANCHOR });
const now = Date.parse(ANCHOR);
const HOUR = 3_600_000;
const DAY = 86_400_000;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

function countBy<T>(items: readonly T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

const ms = (s: string | null | undefined) => Date.parse(s!);

describe("random", () => {
  it("streams are reproducible and distinct", () => {
    const a = Rng.for(1, "x", 2);
    const b = Rng.for(1, "x", 2);
    const c = Rng.for(1, "x", 3);
    const xs = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(xs);
    expect(streamSeed("ab", "c")).not.toBe(streamSeed("a", "bc"));
  });

  it("int() covers its inclusive range and uuid() is RFC 4122 v4", () => {
    const r = new Rng(9);
    const seen = new Set(Array.from({ length: 2000 }, () => r.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    for (let i = 0; i < 1000; i++) expect(r.uuid()).toMatch(UUID_V4);
  });
});

describe("determinism", () => {
  it("same seed and anchor give identical rows; another seed or anchor does not", () => {
    const a = generateFleet({ seed: 5, from: 0, to: 300, anchor: ANCHOR });
    const b = generateFleet({ seed: 5, from: 0, to: 300, anchor: new Date(ANCHOR) });
    expect(b).toEqual(a);
    const c = generateFleet({ seed: 6, from: 0, to: 300, anchor: ANCHOR });
    expect(c.profiles.map((p) => p.id)).not.toEqual(a.profiles.map((p) => p.id));
    const d = generateFleet({ seed: 5, from: 0, to: 300, anchor: "2026-03-16T06:30:00Z" });
    expect(d.fuelLogs.map((f) => f.filledAt)).not.toEqual(a.fuelLogs.map((f) => f.filledAt));
    expect(generateFuelStations(5)).toEqual(generateFuelStations(5));
    expect(generateServiceShops(5)).toEqual(generateServiceShops(5));
  });

  it("a user's rows do not depend on the chunk size", () => {
    const whole = generateFleet({ seed: SEED, from: 0, to: 600, anchor: ANCHOR });
    const parts = [
      [0, 137],
      [137, 400],
      [400, 401],
      [401, 600],
    ].map(([from, to]) => generateFleet({ seed: SEED, from: from!, to: to!, anchor: ANCHOR }));
    for (const table of [...FLEET_TABLES, "cases"] as const) {
      expect(parts.flatMap((p) => p[table] as unknown[]), table).toEqual(whole[table]);
    }
    expect(whole.profiles.map((p) => p.id)).toEqual(whole.profiles.map((_, i) => userIdOf(SEED, i)));
  });
});

describe("ids and shapes", () => {
  it("every id is a unique v4 UUID; user ids spread over all 16 leading hex digits", () => {
    const ids: string[] = [];
    for (const table of FLEET_TABLES) {
      for (const row of fleet[table] as { id?: string }[]) if (row.id) ids.push(row.id);
    }
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
    const leading = countBy(fleet.profiles.map((p) => p.id![0]));
    expect(leading.size).toBe(16);
    // Uniform: 2000/16 = 125 per digit; allow generous sampling noise.
    for (const n of leading.values()) expect(n).toBeGreaterThan(80);
  });

  it("vehicles: one primary each, 80–250 L tanks, 12–30 L/100 km", () => {
    const primaries = countBy(fleet.vehicles.filter((v) => v.isPrimary).map((v) => v.userId));
    expect(primaries.size).toBe(N);
    expect([...primaries.values()].every((n) => n === 1)).toBe(true);
    expect(fleet.vehicles.some((v) => !v.isPrimary)).toBe(true);
    for (const v of fleet.vehicles) {
      if (v.tankCapacityL != null) expect(v.tankCapacityL).toBeGreaterThanOrEqual(80);
      if (v.tankCapacityL != null) expect(v.tankCapacityL).toBeLessThanOrEqual(250);
      if (v.fuelEconomyLPer100km != null) expect(v.fuelEconomyLPer100km).toBeGreaterThanOrEqual(12);
      if (v.fuelEconomyLPer100km != null) expect(v.fuelEconomyLPer100km).toBeLessThanOrEqual(30);
    }
    expect(fleet.vehicles.some((v) => v.isPrimary && v.tankCapacityL == null)).toBe(true);
    expect(fleet.vehicles.some((v) => v.isPrimary && v.fuelEconomyLPer100km == null)).toBe(true);
  });

  it("profiles: valid IANA zones across AU/NZ/US/UK, statuses, opt-ins, synthetic contacts", () => {
    const zones = new Set(fleet.profiles.map((p) => p.timezone!));
    for (const z of zones) expect(() => new Intl.DateTimeFormat("en", { timeZone: z })).not.toThrow();
    for (const z of [
      "Australia/Perth",
      "Australia/Darwin",
      "Australia/Adelaide",
      "Australia/Brisbane",
      "Australia/Sydney",
      "Australia/Melbourne",
      "Australia/Hobart",
      "Australia/Eucla",
      "Australia/Lord_Howe",
      "Pacific/Auckland",
      "Pacific/Chatham",
      "Europe/London",
      "America/New_York",
    ]) {
      expect(zones, z).toContain(z);
    }
    const statuses = countBy(fleet.profiles.map((p) => p.status));
    for (const s of ["active", "inactive", "deleted"] as const) expect(statuses.get(s) ?? 0, s).toBeGreaterThan(0);
    expect(fleet.profiles.every((p) => /^user-\d+@example\.test$/.test(p.email))).toBe(true);
    expect(fleet.profiles.some((p) => p.digestOptIn)).toBe(true);
    expect(fleet.profiles.some((p) => p.digestOptIn && !/:(00|15|30|45)$/.test(p.digestLocalTime!))).toBe(true);
    expect(fleet.profiles.filter((p) => p.smsOptIn).every((p) => p.phone)).toBe(true);
    expect(fleet.profiles.some((p) => !p.emailOptIn)).toBe(true);
  });
});

describe("points of interest", () => {
  const stations = generateFuelStations(SEED);
  const shops = generateServiceShops(SEED);

  it("has ~2,000 fuel stations and ~500 service shops with names, brands and phones", () => {
    expect(stations).toHaveLength(FUEL_STATION_COUNT);
    expect(shops).toHaveLength(SERVICE_SHOP_COUNT);
    expect(stations.every((s) => s.name && s.brand && s.highway)).toBe(true);
    expect(shops.every((s) => s.name && s.phone)).toBe(true);
    expect(stations.some((s) => s.name.endsWith("Roadhouse"))).toBe(true);
  });

  it("every corridor town has a station within 5 km; remote places have none within 50 km", () => {
    const nearest = (lat: number, lng: number) =>
      Math.min(...stations.map((s) => distanceKm(lat, lng, s.lat, s.lng)));
    for (const t of ALL_TOWNS) expect(nearest(t.lat, t.lng), t.name).toBeLessThan(5);
    // Jittered up to 15 km around the place, so 50 km + 15 km of margin.
    for (const p of REMOTE_PLACES) expect(nearest(p.lat, p.lng), p.name).toBeGreaterThan(65);
  });
});

// ─── fuel-monitoring, recomputed per SPEC §7 ───────────────────────────────────────────

type FuelOutcome = "critical" | "low" | "ok" | "no_anchor" | "ineligible";

interface FuelView {
  outcome: FuelOutcome;
  percent: number | null;
  clampedLow: boolean;
  clampedHigh: boolean;
  partialsAfterAnchor: number;
  readingNewest: boolean | null;
  hasFillups: boolean;
  position: { lat: number; lng: number } | null;
}

function fuelViews(chunk: FleetChunk): Map<string, FuelView> {
  const profiles = new Map(chunk.profiles.map((p) => [p.id!, p]));
  const logsByVehicle = groupBy(chunk.fuelLogs, (f) => f.vehicleId);
  const readsByVehicle = groupBy(chunk.odometerReadings, (r) => r.vehicleId);
  const out = new Map<string, FuelView>();
  for (const v of chunk.vehicles.filter((x) => x.isPrimary)) {
    const logs = [...(logsByVehicle.get(v.id!) ?? [])].sort((a, b) => ms(a.filledAt) - ms(b.filledAt));
    const reads = [...(readsByVehicle.get(v.id!) ?? [])].sort((a, b) => ms(a.recordedAt) - ms(b.recordedAt));
    const events = [
      ...logs.map((l) => ({ t: ms(l.filledAt), odo: l.odometerKm, lat: l.lat, lng: l.lng, read: false })),
      ...reads.map((r) => ({ t: ms(r.recordedAt), odo: r.odometerKm, lat: r.lat, lng: r.lng, read: true })),
    ].sort((a, b) => a.t - b.t);
    const newest = events[events.length - 1];
    const positioned = events.filter((e) => e.lat != null && e.lng != null);
    const lastPos = positioned[positioned.length - 1];
    const view: FuelView = {
      outcome: "ineligible",
      percent: null,
      clampedLow: false,
      clampedHigh: false,
      partialsAfterAnchor: 0,
      readingNewest: newest ? newest.read : null,
      hasFillups: logs.length > 0,
      position: lastPos ? { lat: lastPos.lat!, lng: lastPos.lng! } : null,
    };
    out.set(v.userId, view);
    const active = profiles.get(v.userId)?.status === "active";
    const C = v.tankCapacityL;
    const E = v.fuelEconomyLPer100km;
    if (!active || C == null || E == null) continue;
    const anchor = logs.filter((l) => l.fullTank).at(-1);
    if (!anchor || !newest) {
      view.outcome = "no_anchor";
      continue;
    }
    const after = logs.filter((l) => !l.fullTank && ms(l.filledAt) > ms(anchor.filledAt));
    view.partialsAfterAnchor = after.length;
    const raw = C - ((newest.odo - anchor.odometerKm) * E) / 100 + after.reduce((s, l) => s + l.liters, 0);
    const est = Math.min(C, Math.max(0, raw));
    view.clampedLow = raw < 0;
    view.clampedHigh = raw > C;
    view.percent = (est / C) * 100;
    view.outcome = view.percent < 10 ? "critical" : view.percent < 20 ? "low" : "ok";
  }
  return out;
}

const EXPECTED_FUEL: Record<FuelCase, FuelOutcome> = {
  ok: "ok",
  ok_fill_newest: "ok",
  overfull: "ok",
  secondary_low: "ok",
  low: "low",
  low_partial: "low",
  low_partial_newest: "low",
  critical: "critical",
  critical_partial: "critical",
  empty: "critical",
  no_anchor: "no_anchor",
  no_fillups: "no_anchor",
  no_capacity: "ineligible",
  no_economy: "ineligible",
  inactive_low: "ineligible",
  deleted_low: "ineligible",
};

describe("fuel-monitoring cases", () => {
  const views = fuelViews(fleet);
  const cases = new Map(fleet.cases.map((c) => [c.userId, c]));
  const all = [...views.entries()];
  const stations = generateFuelStations(SEED);
  const nearestStationKm = (p: { lat: number; lng: number }) =>
    Math.min(...stations.map((s) => distanceKm(p.lat, p.lng, s.lat, s.lng)));

  it("the recomputed estimate matches the engineered case for every user", () => {
    for (const [userId, view] of all) {
      const c = cases.get(userId)!;
      // Status overrides the fuel case for users made inactive/deleted by the status dimension.
      const expected = c.status === "active" ? EXPECTED_FUEL[c.fuel] : "ineligible";
      expect(view.outcome, `${c.index} ${c.fuel} ${view.percent}`).toBe(expected);
    }
  });

  it("covers every outcome and edge of the rule", () => {
    const by = countBy(all.map(([, v]) => v.outcome));
    for (const o of ["critical", "low", "ok", "no_anchor", "ineligible"] as const) {
      expect(by.get(o) ?? 0, o).toBeGreaterThan(0);
    }
    const some = (f: (v: FuelView) => boolean) => all.filter(([, v]) => f(v)).length;
    expect(some((v) => v.clampedLow), "estimate clamped to 0").toBeGreaterThan(0);
    expect(some((v) => v.clampedHigh), "estimate clamped to capacity").toBeGreaterThan(0);
    expect(some((v) => v.outcome === "low" && v.partialsAfterAnchor > 0), "low with partials").toBeGreaterThan(0);
    expect(some((v) => v.outcome === "critical" && v.partialsAfterAnchor > 0), "critical with partials").toBeGreaterThan(0);
    expect(some((v) => v.outcome === "low" && v.readingNewest === false), "fill-up newer than readings").toBeGreaterThan(0);
    expect(some((v) => v.outcome === "low" && v.readingNewest === true), "reading newer than fill-ups").toBeGreaterThan(0);
    expect(some((v) => v.outcome === "no_anchor" && !v.hasFillups), "no fill-ups at all").toBeGreaterThan(0);
    expect(some((v) => v.outcome === "no_anchor" && v.hasFillups), "fill-ups but no full tank").toBeGreaterThan(0);
  });

  it("low-fuel users are near stations, far from any, or without a position", () => {
    const alerting = all.filter(([, v]) => v.outcome === "low" || v.outcome === "critical").map(([, v]) => v);
    const withPos = alerting.filter((v) => v.position);
    expect(withPos.filter((v) => nearestStationKm(v.position!) <= 50).length, "near").toBeGreaterThan(0);
    expect(withPos.filter((v) => nearestStationKm(v.position!) > 50).length, "far").toBeGreaterThan(0);
    expect(alerting.filter((v) => !v.position).length, "no position").toBeGreaterThan(0);
    for (const [userId, v] of all) {
      const c = cases.get(userId)!;
      if (c.position === "near") expect(nearestStationKm(v.position!)).toBeLessThan(5);
      if (c.position === "far") expect(nearestStationKm(v.position!)).toBeGreaterThan(50);
      if (c.position === "none") expect(v.position).toBeNull();
    }
  });

  it("inactive and deleted users with low fuel exist (they must not be alerted)", () => {
    const profiles = new Map(fleet.profiles.map((p) => [p.id!, p]));
    // Same computation with the status filter lifted.
    const lifted = fuelViews({
      ...fleet,
      profiles: fleet.profiles.map((p) => ({ ...p, status: "active" as const })),
    });
    const lowButNotActive = [...lifted.entries()].filter(
      ([id, v]) => (v.outcome === "low" || v.outcome === "critical") && profiles.get(id)?.status !== "active",
    );
    const statuses = new Set(lowButNotActive.map(([id]) => profiles.get(id)?.status));
    expect(statuses).toEqual(new Set(["inactive", "deleted"]));
  });

  it("a non-primary vehicle can be low while the primary is fine", () => {
    const secondaryLow = fleet.cases.filter((c) => c.fuel === "secondary_low" && c.status === "active");
    expect(secondaryLow.length).toBeGreaterThan(0);
    const views2 = fuelViews({
      ...fleet,
      vehicles: fleet.vehicles.map((v) => ({ ...v, isPrimary: !v.isPrimary })),
    });
    for (const c of secondaryLow) {
      expect(views.get(c.userId)!.outcome).toBe("ok");
      expect(views2.get(c.userId)!.outcome).toBe("critical");
    }
  });

  it("odometers follow the economy: a full fill-up refills what was burnt since the previous one", () => {
    const vehicles = new Map(fleet.vehicles.map((v) => [v.id!, v]));
    const byVehicle = groupBy(fleet.fuelLogs, (f) => f.vehicleId);
    let checked = 0;
    for (const [vehicleId, logs] of byVehicle) {
      const v = vehicles.get(vehicleId)!;
      if (v.tankCapacityL == null || v.fuelEconomyLPer100km == null) continue;
      const recent = logs.filter((l) => ms(l.filledAt) > now - 200 * DAY).sort((a, b) => ms(a.filledAt) - ms(b.filledAt));
      for (let i = 1; i < recent.length; i++) {
        const prev = recent[i - 1]!;
        const cur = recent[i]!;
        expect(cur.odometerKm).toBeGreaterThanOrEqual(prev.odometerKm);
        if (!cur.fullTank || !prev.fullTank) continue;
        const burnt = ((cur.odometerKm - prev.odometerKm) * v.fuelEconomyLPer100km) / 100;
        expect(Math.abs(cur.liters - burnt)).toBeLessThan(0.5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

// ─── budgets ───────────────────────────────────────────────────────────────────────────

function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

type Threshold = "<80" | "80" | "90" | "95" | "100";
const BAND_THRESHOLD: Record<BudgetBand, Threshold> = {
  under: "<80",
  mid: "<80",
  p80: "80",
  p90: "90",
  p95: "95",
  over: "100",
};

function budgetThresholds(chunk: FleetChunk, at: number) {
  const profiles = new Map(chunk.profiles.map((p) => [p.id!, p]));
  const expensesByUser = groupBy(chunk.expenses, (e) => e.userId);
  return chunk.budgets.map((b) => {
    const today = localDate(at, profiles.get(b.userId)!.timezone!);
    const monthStart = `${today.slice(0, 8)}01`;
    const spent = (expensesByUser.get(b.userId) ?? [])
      .filter((e) => e.spentOn >= monthStart && e.spentOn <= today)
      .filter((e) => b.category === "total" || e.category === b.category)
      .reduce((s, e) => s + Number(e.amount), 0);
    const pct = (spent / Number(b.monthlyLimit)) * 100;
    const threshold: Threshold = pct >= 100 ? "100" : pct >= 95 ? "95" : pct >= 90 ? "90" : pct >= 80 ? "80" : "<80";
    return { budget: b, pct, threshold };
  });
}

describe("budget-analysis cases", () => {
  it("month-to-date spend crosses each threshold, per category and total; some users have no budget", () => {
    const rows = budgetThresholds(fleet, now);
    for (const t of ["<80", "80", "90", "95", "100"] as const) {
      expect(rows.filter((r) => r.threshold === t && r.budget.category === "total").length, `total ${t}`).toBeGreaterThan(0);
      expect(rows.filter((r) => r.threshold === t && r.budget.category !== "total").length, `category ${t}`).toBeGreaterThan(0);
    }
    const withBudget = new Set(fleet.budgets.map((b) => b.userId));
    expect(fleet.profiles.filter((p) => !withBudget.has(p.id!)).length).toBeGreaterThan(0);
    expect(fleet.expenses.some((e) => e.spentOn < "2024-03-15")).toBe(true); // > 2 years old: archival
  });

  it("the headline budget lands in its engineered band, even when the month has just begun", () => {
    // 1 March 00:00 UTC: still February in the Americas, the first of March in Australia.
    for (const anchor of [ANCHOR, "2026-03-01T00:00:00Z"]) {
      const chunk = generateFleet({ seed: 3, from: 0, to: 500, anchor });
      const rows = groupBy(budgetThresholds(chunk, Date.parse(anchor)), (r) => r.budget.userId);
      for (const c of chunk.cases) {
        if (c.budget === "none") continue;
        const mine = rows.get(c.userId)!;
        const headline = mine.find((r) => r.budget.category === "total") ?? mine[0]!;
        expect(headline.threshold, `${anchor} user ${c.index} ${headline.pct}`).toBe(BAND_THRESHOLD[c.budgetBand!]);
      }
    }
  });
});

// ─── maintenance, trips, calendar, housekeeping ───────────────────────────────────────

describe("maintenance-reminders cases", () => {
  it("has items overdue, due soon (by date and by km), scheduled later and completed", () => {
    const odoByVehicle = new Map<string, number>();
    for (const e of [...fleet.fuelLogs, ...fleet.odometerReadings]) {
      odoByVehicle.set(e.vehicleId, Math.max(odoByVehicle.get(e.vehicleId) ?? 0, e.odometerKm));
    }
    const today = ANCHOR.slice(0, 10);
    const in7 = new Date(now + 7 * DAY).toISOString().slice(0, 10);
    const actual = fleet.maintenanceRecords.map((m) => {
      if (m.status === "completed") return "completed";
      const odo = odoByVehicle.get(m.vehicleId!)!;
      if ((m.dueDate && m.dueDate < today) || (m.dueOdometerKm != null && m.dueOdometerKm <= odo)) return "overdue";
      if ((m.dueDate && m.dueDate <= in7) || (m.dueOdometerKm != null && m.dueOdometerKm - odo <= 500)) {
        return m.dueDate && m.dueDate <= in7 ? "due_soon_date" : "due_soon_km";
      }
      return "scheduled";
    });
    const by = countBy(actual);
    for (const s of ["overdue", "due_soon_date", "due_soon_km", "scheduled", "completed"] as const) {
      expect(by.get(s) ?? 0, s).toBeGreaterThan(0);
    }
    const stale = fleet.maintenanceRecords.filter((m, i) => m.status === "scheduled" && actual[i] !== "scheduled");
    expect(stale.length, "stored status not yet re-flagged").toBeGreaterThan(0);
    expect(
      fleet.maintenanceRecords.filter((m, i) => actual[i] === "overdue" && m.importance === "critical").length,
    ).toBeGreaterThan(0);
    expect(fleet.maintenanceRecords.every((m) => Number(m.estimatedCost) > 0)).toBe(true);
  });
});

describe("trips, calendar and reminders", () => {
  it("has planned trips within 2 h, 24 h and 14 days, later ones, active, completed and compressed", () => {
    const planned = fleet.trips.filter((t) => t.status === "planned").map((t) => ms(t.startsAt) - now);
    expect(planned.filter((d) => d > 0 && d <= 2 * HOUR).length).toBeGreaterThan(0);
    expect(planned.filter((d) => d > 2 * HOUR && d <= 24 * HOUR).length).toBeGreaterThan(0);
    expect(planned.filter((d) => d > DAY && d <= 14 * DAY).length).toBeGreaterThan(0);
    expect(planned.filter((d) => d > 14 * DAY).length).toBeGreaterThan(0);
    const active = fleet.trips.filter((t) => t.status === "active");
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((t) => ms(t.startsAt) < now && ms(t.endsAt) > now)).toBe(true);
    const completed = fleet.trips.filter((t) => t.status === "completed");
    expect(completed.some((t) => !t.compressed && t.route!.coordinates.length > 20)).toBe(true);
    expect(completed.some((t) => t.compressed)).toBe(true);
    expect(fleet.trips.some((t) => t.status === "cancelled")).toBe(true);
    for (const t of fleet.trips) {
      expect(t.route!.type).toBe("LineString");
      expect(t.distanceKm).toBeGreaterThan(0);
      const [lng, lat] = t.route!.coordinates[0]!;
      expect(Math.abs(lng - t.originLng!) + Math.abs(lat - t.originLat!)).toBeLessThan(1e-6);
    }
  });

  it("has calendar events within 2 h and 24 h of the anchor, later and past", () => {
    const d = fleet.calendarEvents.map((e) => ms(e.startsAt) - now);
    expect(d.filter((x) => x > 0 && x <= 2 * HOUR).length).toBeGreaterThan(0);
    expect(d.filter((x) => x > 2 * HOUR && x <= 24 * HOUR).length).toBeGreaterThan(0);
    expect(d.filter((x) => x > DAY).length).toBeGreaterThan(0);
    expect(d.filter((x) => x < 0).length).toBeGreaterThan(0);
  });
});

describe("usage, community and housekeeping", () => {
  it("pam_interactions cover the last 48 h (with an incident hour) and some over 90 days old", () => {
    const ages = fleet.pamInteractions.map((i) => now - ms(i.occurredAt));
    expect(ages.filter((a) => a >= 0 && a <= 48 * HOUR).length).toBeGreaterThan(1000);
    expect(ages.filter((a) => a > 90 * DAY).length).toBeGreaterThan(0);
    const incidentStart = Math.floor(now / HOUR) * HOUR - 3 * HOUR;
    const inIncident = fleet.pamInteractions.filter(
      (i) => ms(i.occurredAt) >= incidentStart && ms(i.occurredAt) < incidentStart + HOUR,
    );
    const errorRate = (xs: typeof inIncident) => xs.filter((i) => i.error).length / xs.length;
    expect(errorRate(inIncident)).toBeGreaterThan(4 * errorRate(fleet.pamInteractions));
    const keys = ["intent", "feature", "device", "region"] as const;
    for (const k of keys) expect(new Set(fleet.pamInteractions.map((i) => i[k])).size, k).toBeGreaterThan(1);
  });

  it("has expired and live sessions, stale TTS entries, old conversations, expired recommendations", () => {
    expect(fleet.userSessions.some((s) => ms(s.expiresAt) < now)).toBe(true);
    expect(fleet.userSessions.some((s) => ms(s.expiresAt) > now)).toBe(true);
    expect(fleet.ttsAudioCache.some((t) => ms(t.lastUsedAt) < now - 30 * DAY)).toBe(true);
    expect(fleet.ttsAudioCache.some((t) => ms(t.lastUsedAt) > now - 7 * DAY)).toBe(true);
    expect(fleet.conversations.some((c) => ms(c.updatedAt) < now - 365 * DAY)).toBe(true);
    expect(fleet.recommendations.some((r) => ms(r.expiresAt) < now)).toBe(true);
    expect(fleet.recommendations.some((r) => ms(r.expiresAt) > now)).toBe(true);
    expect(fleet.notifications.some((n) => ms(n.expiresAt) < now)).toBe(true);
    expect(fleet.fuelLogs.some((f) => ms(f.filledAt) < now - 2 * 365 * DAY)).toBe(true);
  });

  it("group members and posts reference groups generated at or before them", () => {
    const groups = new Set(fleet.groups.map((g) => g.id));
    expect(groups.size).toBe(N / 50);
    expect(fleet.groupMembers.every((m) => groups.has(m.groupId))).toBe(true);
    expect(fleet.groupPosts.every((p) => groups.has(p.groupId))).toBe(true);
    expect(fleet.groupPosts.some((p) => ms(p.createdAt) > now - DAY)).toBe(true);
    const pairs = fleet.groupMembers.map((m) => `${m.groupId}/${m.userId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it("every row's timestamps of history are before the anchor", () => {
    expect(fleet.fuelLogs.every((f) => ms(f.filledAt) < now)).toBe(true);
    expect(fleet.odometerReadings.every((r) => ms(r.recordedAt) < now)).toBe(true);
    expect(fleet.pamInteractions.every((i) => ms(i.occurredAt) <= now)).toBe(true);
    expect(fleet.profiles.every((p) => ms(p.lastActiveAt) <= now)).toBe(true);
  });
});

describe("writer", () => {
  it("builds one INSERT … json_to_recordset per table from the Drizzle columns", () => {
    const text = insertStatement(schema.fuelLogs, [{ id: "x", userId: "u", fullTank: true }]);
    expect(text).toBe(
      'insert into "fuel_logs" ("id", "user_id", "full_tank") select "id", "userId", "fullTank" ' +
        'from json_to_recordset($1::json) as r("id" uuid, "userId" uuid, "fullTank" boolean)',
    );
    const all = insertStatement(schema.trips, fleet.trips);
    expect(all).toContain('"route" jsonb');
    expect(all).toContain('"starts_at"');
  });
});
