/**
 * D1 schema: the scheduler's own state, kept at the edge and off Postgres.
 *
 * - `task_runs`: one row per (task, slot) for scheduled runs (a partial unique index makes a
 *   duplicate or concurrent heartbeat tick a no-op); manual and replay runs get their own rows.
 * - `task_state`: pause flag and the last slot dispatched, from which missed slots are caught up.
 * - `processed_pages`: the page ledger. A page (run, shard, cursor) is recorded after its effects
 *   are committed; a redelivered message whose page is here is acknowledged without work. Run
 *   counters are sums over this ledger, so a redelivery can never count twice.
 * - `dead_letters`: messages given up on, kept for inspection and replay.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const taskRuns = sqliteTable(
  "task_runs",
  {
    id: text("id").primaryKey(),
    task: text("task").notNull(),
    /** The schedule slot (ISO-8601 UTC) this run is for; the request instant for manual runs. */
    slot: text("slot").notNull(),
    trigger: text("trigger", { enum: ["cron", "catchup", "manual", "replay"] }).notNull(),
    /** Set when a manual run targets a single user. */
    userId: text("user_id"),
    status: text("status", { enum: ["queued", "running", "succeeded", "failed", "skipped"] })
      .notNull()
      .default("queued"),
    /** Why a run was skipped or failed (policy name or error code), never user data. */
    reason: text("reason"),
    shardsTotal: integer("shards_total").notNull().default(0),
    shardsDone: integer("shards_done").notNull().default(0),
    usersScanned: integer("users_scanned").notNull().default(0),
    actions: integer("actions").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    retries: integer("retries").notNull().default(0),
    sqlRoundTrips: integer("sql_round_trips").notNull().default(0),
    sqlMs: integer("sql_ms").notNull().default(0),
    createdAt: text("created_at").notNull().default(now),
    /** When its shard messages were sent; null means they still have to be (see dispatch.ts). */
    dispatchedAt: text("dispatched_at"),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [
    uniqueIndex("task_runs_task_slot_scheduled")
      .on(t.task, t.slot)
      .where(sql`${t.trigger} in ('cron', 'catchup')`),
    index("task_runs_task_created").on(t.task, t.createdAt),
    index("task_runs_status").on(t.status),
  ],
);

export const taskState = sqliteTable("task_state", {
  task: text("task").primaryKey(),
  paused: integer("paused", { mode: "boolean" }).notNull().default(false),
  lastSlot: text("last_slot"),
  updatedAt: text("updated_at").notNull().default(now),
});

export const processedPages = sqliteTable(
  "processed_pages",
  {
    runId: text("run_id").notNull(),
    shard: integer("shard").notNull(),
    /** Keyset cursor the page started after; '' for the first page of a shard. */
    cursor: text("cursor").notNull(),
    /** Cursor of the next page; null when this page finished the shard. */
    nextCursor: text("next_cursor"),
    users: integer("users").notNull().default(0),
    actions: integer("actions").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    attempts: integer("attempts").notNull().default(1),
    sqlRoundTrips: integer("sql_round_trips").notNull().default(0),
    sqlMs: integer("sql_ms").notNull().default(0),
    processedAt: text("processed_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.runId, t.shard, t.cursor] })],
);

export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    queue: text("queue").notNull(),
    messageId: text("message_id").notNull(),
    /** The message body as JSON text, exactly as received (ids only, no PII by construction). */
    body: text("body").notNull(),
    error: text("error").notNull(),
    attempts: integer("attempts").notNull().default(1),
    runId: text("run_id"),
    task: text("task"),
    failedAt: text("failed_at").notNull().default(now),
    replayedAt: text("replayed_at"),
  },
  (t) => [uniqueIndex("dead_letters_queue_message").on(t.queue, t.messageId), index("dead_letters_failed").on(t.failedAt)],
);
