/**
 * The task registry: the single source of truth for what runs, when, and how.
 *
 * Semantics of each field (the dispatcher implements them, src/cron/dispatch.ts):
 * - `schedule`: 5-field cron, evaluated in `timezone` (UTC unless given).
 * - `catchUp`: what happens to slots missed while no heartbeat fired (outage, deploy gap).
 *     `latest` — run only the most recent missed slot (as a `catchup` run) and record the older
 *                ones as skipped; the right choice when each run looks at current state.
 *     `all`    — run every missed slot, oldest first; for tasks whose slot selects the work
 *                (digests by local time, reminders by window, hourly aggregates).
 *     `none`   — run nothing that was missed; missed slots are recorded as skipped.
 *   `lookBackMinutes` caps how far back missed slots are considered at all; slots older than
 *   that are neither run nor recorded (after a week-long outage nobody wants a week of runs).
 * - `overlap`: `skip` — a slot whose previous run of the same task is still queued or running
 *   (and not older than `staleAfterMinutes`) is recorded as skipped; `allow` — runs regardless.
 * - `shards`: the user-id space is split into this many UUID ranges, one message each.
 * - `pageSize`: users per keyset page inside a shard.
 * - `spreadSeconds`: shard messages are delayed deterministically within this window so a
 *   large run does not hit Postgres all at once.
 */
import { taskModules } from "../tasks/index.ts";

export type CatchUpPolicy = "latest" | "all" | "none";
export type OverlapPolicy = "skip" | "allow";
export type QueueName = "tasks";

export interface TaskDefinition {
  name: string;
  description: string;
  schedule: string;
  timezone: string;
  queue: QueueName;
  shards: number;
  pageSize: number;
  catchUp: { policy: CatchUpPolicy; lookBackMinutes: number };
  overlap: OverlapPolicy;
  staleAfterMinutes: number;
  spreadSeconds: number;
}

type Entry = Pick<TaskDefinition, "name" | "description" | "schedule"> & Partial<TaskDefinition>;

const defaults: Omit<TaskDefinition, "name" | "description" | "schedule"> = {
  timezone: "UTC",
  queue: "tasks",
  shards: 8,
  pageSize: 500,
  catchUp: { policy: "latest", lookBackMinutes: 60 },
  overlap: "skip",
  staleAfterMinutes: 60,
  spreadSeconds: 0,
};

const entries: Entry[] = [
  {
    name: "fuel-monitoring",
    description: "Estimate fuel left in each primary vehicle; alert below 20 % and 10 % with nearby stations",
    schedule: "*/5 * * * *",
    staleAfterMinutes: 15,
  },
  {
    name: "context-monitoring",
    description: "Compare each traveller's context snapshot with the previous one; confident changes become suggestions",
    schedule: "*/15 * * * *",
  },
  {
    name: "weather-monitoring",
    description: "Travel windows of 3+ clear days and severe-weather alerts for trips starting within 14 days",
    schedule: "*/30 * * * *",
    catchUp: { policy: "latest", lookBackMinutes: 120 },
  },
  {
    name: "budget-analysis",
    description: "Month-to-date spend per budget against 80/90/95/100 % thresholds, in the user's timezone",
    schedule: "0 * * * *",
    catchUp: { policy: "latest", lookBackMinutes: 360 },
  },
  {
    name: "maintenance-reminders",
    description: "Overdue, due-soon and scheduled maintenance with cost estimate and nearest service shops",
    schedule: "0 0 * * *",
    catchUp: { policy: "latest", lookBackMinutes: 36 * 60 },
    spreadSeconds: 300,
  },
  {
    name: "daily-digest",
    description: "One digest per opted-in user per local day, at their chosen local time",
    schedule: "*/15 * * * *",
    // Each slot serves the users whose local digest time falls in it: missing one means missing
    // them, so neither an outage nor a slow previous run may skip a slot.
    catchUp: { policy: "all", lookBackMinutes: 180 },
    overlap: "allow",
  },
  {
    name: "trip-reminders",
    description: "Reminders 24 h and 2 h before trips and calendar events",
    schedule: "*/15 * * * *",
    catchUp: { policy: "all", lookBackMinutes: 120 },
    overlap: "allow",
  },
  {
    name: "cleanup-expired-data",
    description: "Expire sessions, caches, suggestions and notifications; archive old interactions and conversations",
    schedule: "15 * * * *",
    catchUp: { policy: "latest", lookBackMinutes: 360 },
  },
  {
    name: "analytics-hourly",
    description: "Aggregate the previous hour of PAM interactions; alert operators on error or latency spikes",
    schedule: "5 * * * *",
    // Each slot aggregates its own hour; the upsert is idempotent, so every missed hour is worth running.
    catchUp: { policy: "all", lookBackMinutes: 48 * 60 },
    overlap: "allow",
    shards: 1,
  },
  {
    name: "pattern-analysis",
    description: "Spending trend, travel frequency and fuel consumption per user",
    schedule: "0 */2 * * *",
    catchUp: { policy: "latest", lookBackMinutes: 240 },
  },
  {
    name: "predictive-recommendations",
    description: "Fuel stops, month-end overspend projections and travel planning for upcoming events",
    schedule: "0 0,6,12,18 * * *",
    catchUp: { policy: "latest", lookBackMinutes: 12 * 60 },
  },
  {
    name: "fleet-maintenance",
    description: "Fleet health score and critical overdue alerts",
    schedule: "0 */6 * * *",
    catchUp: { policy: "latest", lookBackMinutes: 12 * 60 },
  },
  {
    name: "expense-archival",
    description: "Move expenses older than 2 years to the archive",
    schedule: "0 3 1 * *",
    catchUp: { policy: "latest", lookBackMinutes: 7 * 24 * 60 },
    shards: 1,
  },
  {
    name: "fuel-log-archival",
    description: "Move fuel logs older than 2 years to the archive, keeping efficiency statistics",
    schedule: "30 3 1 * *",
    catchUp: { policy: "latest", lookBackMinutes: 7 * 24 * 60 },
    shards: 1,
  },
  {
    name: "trip-compression",
    description: "Simplify the routes of completed trips",
    schedule: "0 4 * * 1",
    catchUp: { policy: "latest", lookBackMinutes: 7 * 24 * 60 },
  },
  {
    name: "db-maintenance",
    description: "ANALYZE high-traffic tables",
    schedule: "0 5 * * *",
    catchUp: { policy: "latest", lookBackMinutes: 24 * 60 },
    shards: 1,
  },
];

export const registry: readonly TaskDefinition[] = entries.map((e) => ({ ...defaults, ...e }));

const byName = new Map(registry.map((t) => [t.name, t]));

export function findTask(name: string): TaskDefinition | undefined {
  return byName.get(name);
}

/** Tasks with an implementation: the only ones the dispatcher schedules. */
export function enabledTasks(): TaskDefinition[] {
  return registry.filter((t) => taskModules.has(t.name));
}

export function isEnabled(name: string): boolean {
  return taskModules.has(name);
}
