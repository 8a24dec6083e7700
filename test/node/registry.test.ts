import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { registry } from "../../src/cron/registry.ts";
import { nextFireTimes } from "../../src/cron/schedule.ts";

const wrangler = parse(readFileSync(resolve(import.meta.dirname, "../../wrangler.toml"), "utf8")) as {
  triggers: { crons: string[] };
};

describe("registry and wrangler.toml", () => {
  it("the heartbeat trigger fires at every slot of every schedule", () => {
    // Every schedule is minute-granular, so it is covered exactly when a trigger fires every minute.
    const crons = wrangler.triggers.crons;
    expect(crons).toContain("* * * * *");
    const from = new Date("2026-01-01T00:00:00Z");
    const heartbeat = new Set(nextFireTimes("* * * * *", "UTC", from, 60 * 24 * 2).map((d) => d.getTime()));
    for (const task of registry) {
      for (const slot of nextFireTimes(task.schedule, task.timezone, from, 20)) {
        if (slot.getTime() > from.getTime() + 2 * 86_400_000) break;
        expect(heartbeat.has(slot.getTime()), `${task.name} at ${slot.toISOString()}`).toBe(true);
      }
    }
  });

  it("declares every task of the catalog once, with sane settings", () => {
    const names = registry.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        "fuel-monitoring",
        "context-monitoring",
        "weather-monitoring",
        "budget-analysis",
        "maintenance-reminders",
        "daily-digest",
        "trip-reminders",
        "cleanup-expired-data",
        "analytics-hourly",
        "pattern-analysis",
        "predictive-recommendations",
        "fleet-maintenance",
        "expense-archival",
        "fuel-log-archival",
        "trip-compression",
        "db-maintenance",
      ]),
    );
    for (const t of registry) {
      expect(t.shards, t.name).toBeGreaterThanOrEqual(1);
      expect(t.shards, t.name).toBeLessThanOrEqual(100);
      expect(t.pageSize, t.name).toBeGreaterThan(0);
      expect(nextFireTimes(t.schedule, t.timezone, new Date(), 1)).toHaveLength(1);
    }
  });

  it("schedules match the catalog", () => {
    const byName = new Map(registry.map((t) => [t.name, t.schedule]));
    expect(byName.get("fuel-monitoring")).toBe("*/5 * * * *");
    expect(byName.get("budget-analysis")).toBe("0 * * * *");
    expect(byName.get("daily-digest")).toBe("*/15 * * * *");
    expect(byName.get("analytics-hourly")).toBe("5 * * * *");
    expect(byName.get("predictive-recommendations")).toBe("0 0,6,12,18 * * *");
  });
});
