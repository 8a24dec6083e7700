/**
 * The run ledger in D1, shared by the dispatcher, the consumers and the admin API.
 *
 * Counters of a run are never incremented in place for page work: they are recomputed as
 * sums over `processed_pages`, where each page has one row (keyed by run, shard, cursor).
 * A redelivered message can therefore never count users twice. Only `errors` and `retries`, which
 * count attempts rather than work, are incremented.
 */
import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { SchedulerDb } from "./client.ts";
import { deadLetters, processedPages, taskRuns, taskState } from "./schema.ts";

export type TaskRun = typeof taskRuns.$inferSelect;
export type NewTaskRun = typeof taskRuns.$inferInsert;
export type RunStatus = TaskRun["status"];
export type DeadLetter = typeof deadLetters.$inferSelect;

/** Inserts runs; scheduled (task, slot) pairs that already exist are left alone. Returns the new rows. */
export async function insertRuns(db: SchedulerDb, runs: NewTaskRun[]): Promise<TaskRun[]> {
  if (runs.length === 0) return [];
  // D1 binds at most 100 parameters per statement: ~16 columns a row, so 5 rows a statement.
  const statements = chunk(runs, 5).map((rows) =>
    db
      .insert(taskRuns)
      .values(rows)
      // No conflict target: SQLite then honours the partial unique index on scheduled (task, slot).
      .onConflictDoNothing()
      .returning(),
  );
  const results = await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
  return results.flat();
}

export async function getRun(db: SchedulerDb, id: string): Promise<TaskRun | undefined> {
  return db.select().from(taskRuns).where(eq(taskRuns.id, id)).get();
}

export async function listRuns(
  db: SchedulerDb,
  filter: { task?: string; status?: RunStatus; limit: number },
): Promise<TaskRun[]> {
  const where = and(
    filter.task ? eq(taskRuns.task, filter.task) : undefined,
    filter.status ? eq(taskRuns.status, filter.status) : undefined,
  );
  return db.select().from(taskRuns).where(where).orderBy(desc(taskRuns.createdAt), desc(taskRuns.slot)).limit(filter.limit).all();
}

/**
 * Runs whose messages still have to be sent: never dispatched, or dispatched so long ago
 * without starting that the send was probably lost (a tick that crashed after claiming).
 */
export async function pendingRuns(db: SchedulerDb, resendBefore: Date, limit: number): Promise<TaskRun[]> {
  return db
    .select()
    .from(taskRuns)
    .where(
      and(
        eq(taskRuns.status, "queued"),
        or(isNull(taskRuns.dispatchedAt), lt(taskRuns.dispatchedAt, resendBefore.toISOString())),
      ),
    )
    .orderBy(taskRuns.createdAt)
    .limit(limit)
    .all();
}

/**
 * Claims runs for sending, atomically (D1 has a single writer): only the caller whose update
 * still finds a run pending gets it back, so two concurrent ticks never both send a run.
 */
export async function claimRuns(db: SchedulerDb, ids: string[], resendBefore: Date, at: Date): Promise<TaskRun[]> {
  const claimed: TaskRun[] = [];
  for (const ids90 of chunk(ids, 90)) {
    const rows = await db
      .update(taskRuns)
      .set({ dispatchedAt: at.toISOString() })
      .where(
        and(
          inArray(taskRuns.id, ids90),
          eq(taskRuns.status, "queued"),
          or(isNull(taskRuns.dispatchedAt), lt(taskRuns.dispatchedAt, resendBefore.toISOString())),
        ),
      )
      .returning();
    claimed.push(...rows);
  }
  return claimed;
}

/** Gives a claim back when sending failed, so the next tick sends the run. */
export async function releaseClaims(db: SchedulerDb, ids: string[]): Promise<void> {
  for (const ids90 of chunk(ids, 90)) {
    await db.update(taskRuns).set({ dispatchedAt: null }).where(inArray(taskRuns.id, ids90));
  }
}

/** Runs that can never be sent (their task left the registry) are closed as skipped. */
export async function skipRuns(db: SchedulerDb, ids: string[], reason: string, at: Date): Promise<void> {
  for (const ids90 of chunk(ids, 90)) {
    await db
      .update(taskRuns)
      .set({ status: "skipped", reason, finishedAt: at.toISOString() })
      .where(inArray(taskRuns.id, ids90));
  }
}

/** Latest run of each task, for the task list: one indexed lookup per task, one D1 round trip. */
export async function latestRuns(db: SchedulerDb, tasks: readonly string[]): Promise<Map<string, TaskRun>> {
  if (tasks.length === 0) return new Map();
  const statements = tasks.map((task) =>
    db.select().from(taskRuns).where(eq(taskRuns.task, task)).orderBy(desc(taskRuns.createdAt), desc(taskRuns.slot)).limit(1),
  );
  const results = await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
  return new Map(results.flatMap((rows) => rows.map((r) => [r.task, r] as const)));
}

/** Runs of the given tasks that still occupy their task (for the overlap policy). */
export async function activeRuns(db: SchedulerDb, tasks: string[]): Promise<TaskRun[]> {
  if (tasks.length === 0) return [];
  return db
    .select()
    .from(taskRuns)
    .where(and(inArray(taskRuns.status, ["queued", "running"]), inArray(taskRuns.task, tasks)))
    .all();
}

export async function taskStates(db: SchedulerDb): Promise<Map<string, typeof taskState.$inferSelect>> {
  const rows = await db.select().from(taskState).all();
  return new Map(rows.map((r) => [r.task, r]));
}

export async function setPaused(db: SchedulerDb, task: string, paused: boolean, at: Date): Promise<void> {
  await db
    .insert(taskState)
    .values({ task, paused, updatedAt: at.toISOString() })
    .onConflictDoUpdate({ target: taskState.task, set: { paused, updatedAt: at.toISOString() } });
}

export async function setLastSlots(db: SchedulerDb, slots: Map<string, Date>, at: Date): Promise<void> {
  if (slots.size === 0) return;
  const statements = [...slots].map(([task, slot]) =>
    db
      .insert(taskState)
      .values({ task, lastSlot: slot.toISOString(), updatedAt: at.toISOString() })
      .onConflictDoUpdate({
        target: taskState.task,
        // Never move backwards: an old, delayed tick must not re-open slots already handled.
        set: {
          lastSlot: sql`max(coalesce(${taskState.lastSlot}, ''), excluded.last_slot)`,
          updatedAt: at.toISOString(),
        },
      }),
  );
  await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
}

export async function isPageProcessed(
  db: SchedulerDb,
  key: { runId: string; shard: number; cursor: string },
): Promise<typeof processedPages.$inferSelect | undefined> {
  return db
    .select()
    .from(processedPages)
    .where(and(eq(processedPages.runId, key.runId), eq(processedPages.shard, key.shard), eq(processedPages.cursor, key.cursor)))
    .get();
}

export interface PageRecord {
  runId: string;
  shard: number;
  cursor: string;
  nextCursor: string | null;
  users: number;
  actions: number;
  skipped: number;
  attempts: number;
  sqlRoundTrips: number;
  sqlMs: number;
}

/**
 * Recomputes a run's counters and status from the ledger. The run succeeds when every shard
 * has recorded its last page (unless it failed). Shards are counted distinctly: two copies of a
 * shard racing over a changing user table could each record a last page.
 */
function refreshRunStatement(db: SchedulerDb, runId: string, now: string) {
  const finishedShards = sql`(select count(distinct shard) from processed_pages where run_id = ${runId} and next_cursor is null)`;
  return db
    .update(taskRuns)
    .set({
      usersScanned: sql`(select coalesce(sum(users), 0) from processed_pages where run_id = ${runId})`,
      actions: sql`(select coalesce(sum(actions), 0) from processed_pages where run_id = ${runId})`,
      skipped: sql`(select coalesce(sum(skipped), 0) from processed_pages where run_id = ${runId})`,
      sqlRoundTrips: sql`(select coalesce(sum(sql_round_trips), 0) from processed_pages where run_id = ${runId})`,
      sqlMs: sql`(select coalesce(sum(sql_ms), 0) from processed_pages where run_id = ${runId})`,
      shardsDone: finishedShards,
      status: sql`case
        when status in ('failed', 'skipped') then status
        when ${finishedShards} >= shards_total then 'succeeded'
        else 'running' end`,
      startedAt: sql`coalesce(started_at, ${now})`,
      finishedAt: sql`case
        when status not in ('failed', 'skipped') and ${finishedShards} >= shards_total then coalesce(finished_at, ${now})
        else finished_at end`,
    })
    .where(eq(taskRuns.id, runId))
    .returning();
}

/** Settles a run from its ledger (after a replay that found every page already done). */
export async function refreshRun(db: SchedulerDb, runId: string, at: Date): Promise<TaskRun | undefined> {
  const [run] = await refreshRunStatement(db, runId, at.toISOString());
  return run;
}

/**
 * Records a finished page and refreshes the run in one D1 batch. Returns the run and the
 * ledger's next cursor for this page: when two copies of a shard race, both continue from the
 * cursor that was stored first, so they walk the same pages and the ledger absorbs the second.
 */
export async function recordPage(
  db: SchedulerDb,
  page: PageRecord,
  at: Date,
): Promise<{ run: TaskRun | undefined; nextCursor: string | null }> {
  const now = at.toISOString();
  const [, [stored], [run]] = await db.batch([
    // A page run twice concurrently (duplicate delivery) is recorded once; its `actions` are
    // summed, since dedupe keys let each effect be created by exactly one of the executions.
    db
      .insert(processedPages)
      .values({ ...page, processedAt: now })
      .onConflictDoUpdate({
        target: [processedPages.runId, processedPages.shard, processedPages.cursor],
        set: { actions: sql`${processedPages.actions} + excluded.actions` },
      }),
    db
      .select({ nextCursor: processedPages.nextCursor })
      .from(processedPages)
      .where(
        and(
          eq(processedPages.runId, page.runId),
          eq(processedPages.shard, page.shard),
          eq(processedPages.cursor, page.cursor),
        ),
      ),
    refreshRunStatement(db, page.runId, now),
  ]);
  return { run, nextCursor: stored ? stored.nextCursor : page.nextCursor };
}

/** Pages recorded for a run and the most SQL round trips any one of them took. */
export async function pageStats(db: SchedulerDb, runId: string): Promise<{ pages: number; maxRoundTrips: number }> {
  const row = await db
    .select({ pages: sql<number>`count(*)`, maxRoundTrips: sql<number>`coalesce(max(${processedPages.sqlRoundTrips}), 0)` })
    .from(processedPages)
    .where(eq(processedPages.runId, runId))
    .get();
  return { pages: row?.pages ?? 0, maxRoundTrips: row?.maxRoundTrips ?? 0 };
}

export async function markRunning(db: SchedulerDb, runId: string, at: Date): Promise<void> {
  await db
    .update(taskRuns)
    .set({ status: "running", startedAt: at.toISOString() })
    .where(and(eq(taskRuns.id, runId), eq(taskRuns.status, "queued")));
}

/** Counts a failed attempt that will be retried, keeping its error code as the run's reason. */
export async function countRetry(db: SchedulerDb, runId: string, code: string): Promise<void> {
  await db
    .update(taskRuns)
    .set({ errors: sql`${taskRuns.errors} + 1`, retries: sql`${taskRuns.retries} + 1`, reason: `last error: ${code}` })
    .where(eq(taskRuns.id, runId));
}

/**
 * A shard gave up (dead letter): the run fails, with the reason kept for the operator. A run
 * that already finished stays as it is (a late duplicate of a finished shard cannot fail it).
 */
export async function failRun(db: SchedulerDb, runId: string, reason: string, at: Date): Promise<void> {
  await db
    .update(taskRuns)
    .set({ status: "failed", reason, errors: sql`${taskRuns.errors} + 1`, finishedAt: at.toISOString() })
    .where(and(eq(taskRuns.id, runId), inArray(taskRuns.status, ["queued", "running"])));
}

/** A replayed shard re-opens its failed run; recordPage settles the status again. */
export async function reopenRun(db: SchedulerDb, runId: string): Promise<void> {
  await db
    .update(taskRuns)
    .set({ status: "running", finishedAt: null })
    .where(and(eq(taskRuns.id, runId), eq(taskRuns.status, "failed")));
}

export async function recordDeadLetter(
  db: SchedulerDb,
  letter: Omit<typeof deadLetters.$inferInsert, "id">,
): Promise<void> {
  await db
    .insert(deadLetters)
    .values({ id: crypto.randomUUID(), ...letter })
    .onConflictDoNothing({ target: [deadLetters.queue, deadLetters.messageId] });
}

export async function listDeadLetters(db: SchedulerDb, limit: number): Promise<DeadLetter[]> {
  return db.select().from(deadLetters).orderBy(desc(deadLetters.failedAt)).limit(limit).all();
}

export async function getDeadLetter(db: SchedulerDb, id: string): Promise<DeadLetter | undefined> {
  return db.select().from(deadLetters).where(eq(deadLetters.id, id)).get();
}

/** Claims a dead letter for replay; false when it was already replayed (or is being). */
export async function claimReplay(db: SchedulerDb, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(deadLetters)
    .set({ replayedAt: at.toISOString() })
    .where(and(eq(deadLetters.id, id), isNull(deadLetters.replayedAt)))
    .returning({ id: deadLetters.id });
  return rows.length === 1;
}

export async function releaseReplay(db: SchedulerDb, id: string): Promise<void> {
  await db.update(deadLetters).set({ replayedAt: null }).where(eq(deadLetters.id, id));
}

/** Per task over runs created since `since`: runs by status, users, actions, SQL cost, duration. */
export async function runMetrics(db: SchedulerDb, since: Date) {
  const perTask = await db
    .select({
      task: taskRuns.task,
      runs: sql<number>`count(*)`,
      succeeded: sql<number>`sum(${taskRuns.status} = 'succeeded')`,
      failed: sql<number>`sum(${taskRuns.status} = 'failed')`,
      skipped: sql<number>`sum(${taskRuns.status} = 'skipped')`,
      inProgress: sql<number>`sum(${taskRuns.status} in ('queued', 'running'))`,
      usersScanned: sql<number>`sum(${taskRuns.usersScanned})`,
      actions: sql<number>`sum(${taskRuns.actions})`,
      retries: sql<number>`sum(${taskRuns.retries})`,
      sqlRoundTrips: sql<number>`sum(${taskRuns.sqlRoundTrips})`,
      avgDurationMs: sql<number | null>`avg(case when ${taskRuns.finishedAt} is not null and ${taskRuns.startedAt} is not null
        then (julianday(${taskRuns.finishedAt}) - julianday(${taskRuns.startedAt})) * 86400000 end)`,
    })
    .from(taskRuns)
    .where(sql`${taskRuns.createdAt} >= ${since.toISOString()}`)
    .groupBy(taskRuns.task)
    .all();
  const letters = await db
    .select({ pending: sql<number>`count(*)` })
    .from(deadLetters)
    .where(isNull(deadLetters.replayedAt))
    .get();
  return { perTask, deadLettersPending: letters?.pending ?? 0 };
}

/**
 * Retention of the scheduler's own state, in bounded batches so one call stays cheap:
 * page ledger rows of runs older than `pagesBefore` (they only matter while a run can still
 * receive messages), finished runs older than `runsBefore`, and replayed dead letters older
 * than `runsBefore`. Unreplayed dead letters are kept until an operator deals with them, and
 * so are their runs and ledgers, so a late replay still settles its run correctly.
 */
export async function pruneLedger(
  db: SchedulerDb,
  cutoffs: { pagesBefore: Date; runsBefore: Date },
  batch = 5000,
): Promise<{ pages: number; runs: number; deadLetters: number }> {
  const pages = cutoffs.pagesBefore.toISOString();
  const runs = cutoffs.runsBefore.toISOString();
  const d1 = db.$client;
  const [p, r, d] = await d1.batch([
    d1
      .prepare(`delete from processed_pages where rowid in (
        select p.rowid from processed_pages p join task_runs r on r.id = p.run_id
        where r.created_at < ?1 and r.status not in ('queued', 'running')
          and not exists (select 1 from dead_letters d where d.run_id = r.id and d.replayed_at is null)
        limit ?2)`)
      .bind(pages, batch),
    d1
      .prepare(`delete from task_runs where rowid in (
        select rowid from task_runs where created_at < ?1 and status not in ('queued', 'running')
          and not exists (select 1 from processed_pages p where p.run_id = task_runs.id)
          and not exists (select 1 from dead_letters d where d.run_id = task_runs.id and d.replayed_at is null)
        limit ?2)`)
      .bind(runs, batch),
    d1
      .prepare("delete from dead_letters where rowid in (select rowid from dead_letters where replayed_at < ?1 limit ?2)")
      .bind(runs, batch),
  ]);
  return { pages: p!.meta.changes, runs: r!.meta.changes, deadLetters: d!.meta.changes };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
