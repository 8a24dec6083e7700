/**
 * Bulk writer for the synthetic fleet: one INSERT per table per chunk of users, the rows
 * passed as ONE JSON parameter and expanded server-side:
 *
 *   insert into "t" ("id", "user_id", …)
 *   select "id", "userId", … from json_to_recordset($1::json) as r("id" uuid, "userId" uuid, …)
 *
 * Plain parameterised statements, so it works over Neon's SQL-over-HTTP, node-postgres and
 * PGlite alike. Column names and types come from the Drizzle schema, never written by hand.
 *
 * Throughput: while the database inserts chunk k, the next chunk is generated in slices that
 * yield to the event loop, so generation overlaps the database work.
 */
import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import * as schema from "../../src/db/pg/schema.ts";
import { generateFuelStations, generateServiceShops } from "./corridors.ts";
import { anchorMs, FLEET_TABLES, type FleetRows, generateFleet } from "./fleet.ts";

export type Sql = (text: string, params: unknown[]) => Promise<unknown>;

export interface SeedOptions {
  users: number;
  seed: number;
  /** "Now" for the generated data (see fleet.ts). */
  anchor: Date | string;
  /** Users per INSERT batch (default 1,000: each statement's JSON stays a few MB). */
  chunkSize?: number;
  /**
   * Statements in flight at once (default 2). Independent tables of a chunk are inserted in
   * parallel when `sql` can run queries concurrently (a pool, HTTP); a single connection
   * simply queues them.
   */
  concurrency?: number;
  onProgress?: (usersDone: number, usersTotal: number) => void;
}

export interface SeedResult {
  users: number;
  /** Rows inserted per SQL table name. */
  rows: Record<string, number>;
  ms: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The statement that inserts `rows` (objects keyed by the table's TS property names) into
 * `table`. Only properties present in some row are inserted; absent ones take their defaults.
 */
export function insertStatement(table: PgTable, rows: readonly Record<string, unknown>[]): string {
  const present = new Set<string>();
  for (const row of rows) for (const key in row) present.add(key);
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => present.has(key));
  if (columns.length === 0) throw new Error(`no known columns in rows for ${getTableName(table)}`);
  const target = columns.map(([, c]) => quote(c.name)).join(", ");
  const source = columns.map(([key]) => quote(key)).join(", ");
  const shape = columns.map(([key, c]) => `${quote(key)} ${c.getSQLType()}`).join(", ");
  return `insert into ${quote(getTableName(table))} (${target}) select ${source} from json_to_recordset($1::json) as r(${shape})`;
}

async function insertRows(sql: Sql, table: PgTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  await sql(insertStatement(table, rows), [JSON.stringify(rows)]);
}

const TABLES: Record<(typeof FLEET_TABLES)[number], PgTable> = {
  profiles: schema.profiles,
  vehicles: schema.vehicles,
  groups: schema.groups,
  groupMembers: schema.groupMembers,
  groupPosts: schema.groupPosts,
  odometerReadings: schema.odometerReadings,
  fuelLogs: schema.fuelLogs,
  expenses: schema.expenses,
  budgets: schema.budgets,
  maintenanceRecords: schema.maintenanceRecords,
  trips: schema.trips,
  calendarEvents: schema.calendarEvents,
  pamInteractions: schema.pamInteractions,
  userSessions: schema.userSessions,
  ttsAudioCache: schema.ttsAudioCache,
  conversations: schema.conversations,
  recommendations: schema.recommendations,
  notifications: schema.notifications,
};

/** True when the database holds no users yet (the fleet is only seeded into an empty one). */
export async function isDatabaseEmpty(sql: Sql): Promise<boolean> {
  const result = await sql("select not exists (select 1 from profiles) as empty", []);
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] }).rows;
  const first = rows?.[0] as Record<string, unknown> | unknown[] | undefined;
  const value = Array.isArray(first) ? first[0] : first?.empty;
  return value === true || value === "t";
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Generates users [from, to) in slices, letting pending database I/O run in between. */
async function generateChunk(seed: number, anchor: Date | string, from: number, to: number): Promise<FleetRows> {
  const SLICE = 100;
  const rows = generateFleet({ seed, anchor, from, to: Math.min(to, from + SLICE) });
  for (let start = from + SLICE; start < to; start += SLICE) {
    await yieldToEventLoop();
    const part = generateFleet({ seed, anchor, from: start, to: Math.min(to, start + SLICE) });
    for (const key of FLEET_TABLES) (rows[key] as unknown[]).push(...part[key]);
  }
  return rows;
}

/** Foreign-key layers: every table only references tables of earlier layers (or earlier chunks). */
const LAYERS: readonly (readonly (typeof FLEET_TABLES)[number][])[] = [
  ["profiles"],
  ["vehicles", "groups"],
  FLEET_TABLES.filter((t) => t !== "profiles" && t !== "vehicles" && t !== "groups"),
];

/** Runs `tasks` with at most `limit` in flight. */
async function runLimited(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

async function writeChunk(sql: Sql, rows: FleetRows, counts: Record<string, number>, concurrency: number): Promise<void> {
  for (const layer of LAYERS) {
    // Biggest first, so the statements in flight finish at about the same time.
    const keys = [...layer].sort((a, b) => rows[b].length - rows[a].length);
    await runLimited(
      keys.map((key) => async () => {
        const table = TABLES[key];
        const list = rows[key] as Record<string, unknown>[];
        await insertRows(sql, table, list);
        const name = getTableName(table);
        counts[name]! += list.length;
      }),
      concurrency,
    );
  }
}

/**
 * Seeds `users` synthetic users (plus the fuel stations and service shops) into an empty
 * database. Deterministic for a given (seed, anchor), whatever the chunk size.
 */
export async function seedFleet(sql: Sql, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  anchorMs(options.anchor); // fail fast on a bad anchor
  const chunkSize = Math.max(1, options.chunkSize ?? 1000);
  const concurrency = Math.max(1, options.concurrency ?? 2);
  // Fixed key order (FK order), whatever order the concurrent inserts finish in.
  const counts: Record<string, number> = { fuel_stations: 0, service_shops: 0 };
  for (const key of FLEET_TABLES) counts[getTableName(TABLES[key])] = 0;

  const stations = generateFuelStations(options.seed);
  const shops = generateServiceShops(options.seed);
  await insertRows(sql, schema.fuelStations, stations);
  await insertRows(sql, schema.serviceShops, shops);
  counts.fuel_stations = stations.length;
  counts.service_shops = shops.length;

  let writing: Promise<void> | null = null;
  let done = 0;
  options.onProgress?.(0, options.users);
  for (let from = 0; from < options.users; from += chunkSize) {
    const to = Math.min(options.users, from + chunkSize);
    const rows = await generateChunk(options.seed, options.anchor, from, to);
    if (writing) await writing;
    writing = writeChunk(sql, rows, counts, concurrency).then(() => {
      done = to;
      options.onProgress?.(done, options.users);
    });
    // Handled when awaited above; this only keeps a failure during generation from being
    // reported as an unhandled rejection first.
    writing.catch(() => {});
  }
  if (writing) await writing;
  // Fresh planner statistics, as after any bulk load: without them Postgres estimates one row
  // per table and the tasks' per-vehicle lookups can pick whole-table index scans.
  await sql("analyze", []);
  return { users: options.users, rows: counts, ms: Math.round(performance.now() - started) };
}
