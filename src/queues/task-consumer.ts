/**
 * Consumer of `pam-tasks`: one message is one shard of a run, from its cursor onwards.
 *
 * Per message: validate → find task and run → walk keyset pages of the shard's UUID range.
 * Before a page, the D1 ledger is consulted: a page already recorded is skipped (its effects
 * are committed and counted), so a redelivered or duplicated message does no work twice.
 * After a page's effects are committed in Postgres, the page is recorded in the ledger. When
 * the time budget is spent, a continuation message carrying the cursor is sent and this one
 * acknowledged. Failures follow retry.ts: transient → retry with backoff, permanent → dead
 * letter and the run fails. Each message is settled on its own; one never fails its batch.
 */
import { SqlMeter } from "../db/client.ts";
import { schedulerDb } from "../db/d1/client.ts";
import {
  countRetry,
  failRun,
  getRun,
  isPageProcessed,
  markRunning,
  recordDeadLetter,
  recordPage,
  refreshRun,
} from "../db/d1/runs.ts";
import { findTask } from "../cron/registry.ts";
import { shardRange, singleUserRange } from "../cron/shards.ts";
import type { Services } from "../services.ts";
import { taskModules } from "../tasks/index.ts";
import type { TaskModule } from "../tasks/types.ts";
import { describeIssues, type TaskMessage, taskMessageSchema } from "./messages.ts";
import { type Classified, classifyError, PermanentError, retryDelaySeconds } from "./retry.ts";

export interface ConsumerClock {
  now(): number;
}

const wallClock: ConsumerClock = { now: () => Date.now() };

export async function consumeTaskMessage(
  services: Services,
  queueName: string,
  message: Message<unknown>,
  clock: ConsumerClock = wallClock,
): Promise<void> {
  const db = schedulerDb(services.env.DB);
  const log = services.log.child({ queue: queueName, messageId: message.id, attempts: message.attempts });
  let body: TaskMessage | undefined;
  try {
    const parsed = taskMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      throw new PermanentError("invalid_message", describeIssues(parsed.error));
    }
    body = parsed.data;
    const module = taskModules.get(body.task);
    const task = findTask(body.task);
    if (!module || !task) throw new PermanentError("unknown_task", `no implemented task named ${body.task}`);
    const run = await getRun(db, body.runId);
    if (!run) throw new PermanentError("unknown_run", `run ${body.runId} does not exist`);

    const pageSize = services.config.TASK_PAGE_SIZE ?? task.pageSize;
    const outcome = await walkShard(services, module, body, pageSize, message.attempts, clock);
    if (outcome.continueFrom) {
      await services.env.TASKS_QUEUE.send({ ...body, cursor: outcome.continueFrom });
    }
    log.info("shard_progress", {
      task: body.task,
      runId: body.runId,
      shard: body.shard,
      pages: outcome.pages,
      pagesSkipped: outcome.pagesAlreadyDone,
      users: outcome.users,
      actions: outcome.actions,
      finished: outcome.continueFrom === null,
    });
    message.ack();
  } catch (err) {
    await settleFailure(services, queueName, message, body, classifyError(err), clock);
  }
}

/**
 * Permanent → dead letter, run failed, ack. Transient → counted on the run, retry with backoff.
 * If the dead letter cannot be recorded (D1 unavailable), the message is retried instead of
 * acknowledged, so it is never lost.
 */
async function settleFailure(
  services: Services,
  queueName: string,
  message: Message<unknown>,
  body: TaskMessage | undefined,
  failure: Classified,
  clock: ConsumerClock,
): Promise<void> {
  const db = schedulerDb(services.env.DB);
  const log = services.log.child({ queue: queueName, messageId: message.id, attempts: message.attempts });
  const ids = { task: body?.task, runId: body?.runId, shard: body?.shard, code: failure.code };
  const delaySeconds = retryDelaySeconds(message.attempts, {
    baseSeconds: services.config.RETRY_BASE_SECONDS,
    capSeconds: services.config.RETRY_CAP_SECONDS,
  });
  if (failure.kind === "permanent") {
    try {
      await recordDeadLetter(db, {
        queue: queueName,
        messageId: message.id,
        body: JSON.stringify(message.body ?? null),
        error: `${failure.code}: ${failure.message}`,
        attempts: message.attempts,
        runId: body?.runId ?? null,
        task: body?.task ?? null,
      });
      if (body) await failRun(db, body.runId, `dead letter: ${failure.code}`, new Date(clock.now()));
      log.error("message_dead_lettered", ids);
      message.ack();
    } catch {
      log.error("dead_letter_unrecorded", { ...ids, delaySeconds });
      message.retry({ delaySeconds });
    }
    return;
  }
  log.warn("message_retry", { ...ids, delaySeconds });
  if (body) await countRetry(db, body.runId, failure.code).catch(() => undefined);
  message.retry({ delaySeconds });
}

interface ShardOutcome {
  pages: number;
  pagesAlreadyDone: number;
  users: number;
  actions: number;
  /** Cursor to continue from in a new message; null when the shard is finished. */
  continueFrom: string | null;
}

async function walkShard(
  services: Services,
  module: TaskModule,
  m: TaskMessage,
  pageSize: number,
  attempts: number,
  clock: ConsumerClock,
): Promise<ShardOutcome> {
  const db = schedulerDb(services.env.DB);
  const deadline = clock.now() + services.config.TASK_TIME_BUDGET_MS;
  const range = m.userId ? singleUserRange(m.userId) : shardRange(m.shard, m.shards);
  const outcome: ShardOutcome = { pages: 0, pagesAlreadyDone: 0, users: 0, actions: 0, continueFrom: null };
  let cursor: string | null = m.cursor ?? null;
  let started = false;

  for (;;) {
    const key = { runId: m.runId, shard: m.shard, cursor: cursor ?? "" };
    const done = await isPageProcessed(db, key);
    if (done) {
      outcome.pagesAlreadyDone++;
      cursor = done.nextCursor;
    } else {
      if (!started) {
        await markRunning(db, m.runId, new Date(clock.now()));
        started = true;
      }
      const meter = new SqlMeter();
      const pg = services.meteredPg(meter);
      const result = await module.runPage(
        { db: pg.db, slot: new Date(m.slot), runId: m.runId, config: services.config, log: services.log },
        { range, cursor, limit: pageSize },
      );
      const cost = meter.snapshot();
      const recordedAt = new Date(clock.now());
      const { run, nextCursor } = await recordPage(
        db,
        {
          ...key,
          nextCursor: result.nextCursor,
          users: result.users,
          actions: result.actions,
          skipped: result.skipped,
          attempts,
          sqlRoundTrips: cost.roundTrips,
          sqlMs: cost.totalMs,
        },
        recordedAt,
      );
      // The page that completed the run is the one whose time became its finish time.
      if (run?.status === "succeeded" && run.finishedAt === recordedAt.toISOString()) {
        services.log.info("run_succeeded", {
          task: run.task,
          runId: run.id,
          trigger: run.trigger,
          shards: run.shardsTotal,
          users: run.usersScanned,
          actions: run.actions,
          skipped: run.skipped,
          retries: run.retries,
          sqlRoundTrips: run.sqlRoundTrips,
        });
      }
      outcome.pages++;
      outcome.users += result.users;
      outcome.actions += result.actions;
      cursor = nextCursor;
    }
    if (cursor === null) {
      // Nothing new was recorded (a duplicate, or a replay of finished pages): settle the run
      // from its ledger, so a re-opened run does not stay running.
      if (!started) await refreshRun(db, m.runId, new Date(clock.now()));
      return outcome;
    }
    if (clock.now() >= deadline) {
      outcome.continueFrom = cursor;
      return outcome;
    }
  }
}
