/**
 * The heartbeat dispatcher: the scheduled handler of the single `* * * * *` Cron Trigger.
 *
 * For a tick at `scheduledTime` (a minute slot) and each enabled task of the registry:
 * 1. Slots due are those in (last_slot, tick] from `task_state` — bounded by the task's
 *    look-back cap. A task seen for the first time starts at the tick (no backfill on deploy).
 *    A paused task only advances its last_slot: pausing drops what falls in the pause.
 * 2. Missed slots (before the tick) follow the catch-up policy (see registry.ts); the slots not
 *    run are recorded as `skipped` runs with the reason, so the run list shows the gap.
 * 3. Overlap `skip`: while a non-stale run of the task is queued or running, new slots are
 *    recorded as skipped with reason `overlap`.
 * 4. Each (task, slot) gets one `task_runs` row; a partial unique index on (task, slot) makes a
 *    repeated or concurrent tick insert nothing — and only inserted runs are dispatched.
 * 5. Runs not yet sent (this tick's, or ones a crashed tick left behind) are claimed — an
 *    atomic update only one caller wins — and get one message per shard through `sendBatch`
 *    (<= 100 per call). A claimed run that has not started 10 minutes later is sent again (the
 *    sender may have died between claim and send); if both copies arrive, the page ledger
 *    absorbs the second.
 * 6. Once an hour (the tick at minute 30) the scheduler's own state is pruned: the page ledger
 *    of runs older than 7 days, finished runs older than 30 days (see runs.ts pruneLedger).
 * It never reads Postgres: cost is O(tasks + shards) per tick, not O(users).
 */
import type { SchedulerDb } from "../db/d1/client.ts";
import {
  activeRuns,
  claimRuns,
  insertRuns,
  type NewTaskRun,
  pendingRuns,
  pruneLedger,
  releaseClaims,
  setLastSlots,
  skipRuns,
  type TaskRun,
  taskStates,
} from "../db/d1/runs.ts";
import type { Logger } from "../log.ts";
import type { TaskMessage } from "../queues/messages.ts";
import type { TaskDefinition } from "./registry.ts";
import { minuteSlot, slotsBetween } from "./schedule.ts";

const MINUTE = 60_000;
/** Upper bound on runs dispatched per tick, to stay within a tick's CPU and subrequest limits. */
const MAX_RUNS_PER_TICK = 50;
const SEND_BATCH_MAX = 100;
const DAY = 24 * 60 * MINUTE;
const PAGE_RETENTION = 7 * DAY;
const RUN_RETENTION = 30 * DAY;

export interface TaskStateView {
  paused: boolean;
  lastSlot: string | null;
}

export interface DispatchPlan {
  runs: NewTaskRun[];
  lastSlots: Map<string, Date>;
}

/** Pure planning: which runs (and skipped records) a tick produces. `newId` makes ids. */
export function planDispatch(
  tasks: readonly TaskDefinition[],
  states: Map<string, TaskStateView>,
  active: readonly Pick<TaskRun, "task" | "createdAt">[],
  scheduledTime: Date,
  newId: () => string = () => crypto.randomUUID(),
): DispatchPlan {
  const tick = minuteSlot(scheduledTime);
  const runs: NewTaskRun[] = [];
  const lastSlots = new Map<string, Date>();

  for (const task of tasks) {
    const state = states.get(task.name);
    if (state?.paused) {
      lastSlots.set(task.name, tick);
      continue;
    }
    const horizon = new Date(tick.getTime() - task.catchUp.lookBackMinutes * MINUTE);
    const last = state?.lastSlot ? new Date(state.lastSlot) : null;
    if (last && last.getTime() >= tick.getTime()) continue; // a late or repeated tick: already handled
    const after = last ? new Date(Math.max(last.getTime(), horizon.getTime())) : null;
    const slots = slotsBetween(task.schedule, task.timezone, after, tick);
    if (!state || slots.length > 0) lastSlots.set(task.name, tick);
    if (slots.length === 0) continue;

    const current = slots.at(-1)!.getTime() === tick.getTime() ? slots.at(-1)! : undefined;
    const missed = current ? slots.slice(0, -1) : slots;
    let toRun: Date[];
    let skipReason: string;
    switch (task.catchUp.policy) {
      case "all":
        toRun = slots;
        skipReason = "";
        break;
      case "latest":
        toRun = current ? [current] : missed.slice(-1);
        skipReason = "missed: catch-up policy latest";
        break;
      case "none":
        toRun = current ? [current] : [];
        skipReason = "missed: catch-up policy none";
        break;
    }
    const staleBefore = tick.getTime() - task.staleAfterMinutes * MINUTE;
    const busy =
      task.overlap === "skip" &&
      active.some((r) => r.task === task.name && new Date(r.createdAt).getTime() > staleBefore);

    for (const slot of slots) {
      const trigger = slot === current ? "cron" : "catchup";
      const run = toRun.includes(slot) && !busy;
      runs.push({
        id: newId(),
        task: task.name,
        slot: slot.toISOString(),
        trigger,
        status: run ? "queued" : "skipped",
        reason: run ? null : toRun.includes(slot) ? "overlap: previous run still in progress" : skipReason,
        shardsTotal: run ? task.shards : 0,
        finishedAt: run ? null : tick.toISOString(),
      });
    }
  }
  return { runs, lastSlots };
}

/** The shard messages of a run, with the task's deterministic spread as delays. */
export function runMessages(run: TaskRun, task: TaskDefinition): MessageSendRequest<TaskMessage>[] {
  const shards = run.shardsTotal;
  return Array.from({ length: shards }, (_, shard) => ({
    body: {
      v: 1,
      type: "task",
      task: run.task,
      runId: run.id,
      slot: run.slot,
      shard,
      shards,
      ...(run.userId ? { userId: run.userId } : {}),
    },
    ...(task.spreadSeconds > 0 && shards > 1
      ? { delaySeconds: Math.floor((shard * task.spreadSeconds) / shards) }
      : {}),
  }));
}

/** Claimed runs that have not started after this long are sent again (their send was lost). */
const RESEND_AFTER = 10 * MINUTE;

/**
 * Claims `runs` (only runs still pending are claimed, so concurrent callers never both send
 * one), sends their shard messages (<= 100 per sendBatch) and returns what was sent. If a send
 * fails, the claims of the runs not sent are released for the next tick. Runs whose task
 * is no longer registered are closed as skipped.
 */
export async function dispatchRuns(
  db: SchedulerDb,
  queue: Queue<TaskMessage>,
  runs: readonly TaskRun[],
  findTask: (name: string) => TaskDefinition | undefined,
  now: Date,
): Promise<{ runs: number; messages: number }> {
  const orphans = runs.filter((r) => !findTask(r.task)).map((r) => r.id);
  if (orphans.length > 0) await skipRuns(db, orphans, "task is no longer registered", now);
  const claimed = await claimRuns(
    db,
    runs.filter((r) => findTask(r.task)).map((r) => r.id),
    new Date(now.getTime() - RESEND_AFTER),
    now,
  );
  const messages = claimed.flatMap((run) => runMessages(run, findTask(run.task)!));
  let sent = 0;
  try {
    for (; sent < messages.length; sent += SEND_BATCH_MAX) {
      await queue.sendBatch(messages.slice(sent, sent + SEND_BATCH_MAX));
    }
  } catch (err) {
    const unsent = new Set(messages.slice(sent).map((m) => m.body.runId));
    await releaseClaims(db, [...unsent]);
    throw err;
  }
  return { runs: claimed.length, messages: messages.length };
}

export interface DispatchDeps {
  db: SchedulerDb;
  queue: Queue<TaskMessage>;
  tasks: readonly TaskDefinition[];
  findTask: (name: string) => TaskDefinition | undefined;
  log: Logger;
}

export async function dispatchDueTasks(deps: DispatchDeps, scheduledTime: Date) {
  const { db, log } = deps;
  const [states, active] = await Promise.all([
    taskStates(db),
    activeRuns(
      db,
      deps.tasks.map((t) => t.name),
    ),
  ]);
  const plan = planDispatch(deps.tasks, states, active, scheduledTime);
  const inserted = await insertRuns(db, plan.runs);
  // This tick's runs and any a crashed or failed tick left unsent.
  const pending = await pendingRuns(db, new Date(scheduledTime.getTime() - RESEND_AFTER), MAX_RUNS_PER_TICK);
  const sent = await dispatchRuns(db, deps.queue, pending, deps.findTask, scheduledTime);
  await setLastSlots(db, plan.lastSlots, scheduledTime);
  const tick = minuteSlot(scheduledTime);
  const pruned =
    tick.getUTCMinutes() === 30
      ? await pruneLedger(db, {
          pagesBefore: new Date(tick.getTime() - PAGE_RETENTION),
          runsBefore: new Date(tick.getTime() - RUN_RETENTION),
        })
      : undefined;

  const created = inserted.filter((r) => r.status === "queued");
  const skipped = inserted.filter((r) => r.status === "skipped");
  log.info("dispatch", {
    tick: tick.toISOString(),
    runsCreated: created.length,
    slotsSkipped: skipped.length,
    duplicates: plan.runs.length - inserted.length,
    runsDispatched: sent.runs,
    messages: sent.messages,
    ...(pruned ? { prunedPages: pruned.pages, prunedRuns: pruned.runs, prunedDeadLetters: pruned.deadLetters } : {}),
  });
  return { created, skipped, sent };
}
