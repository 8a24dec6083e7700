/**
 * /admin/tasks: the registry with live state, manual runs, pause and resume.
 * A manual run is allowed while a task is paused (it is the operator's explicit request),
 * but not for a task that is registered and not implemented yet (409). `slot` runs the task
 * as of another instant (time travel); manual runs never collide with scheduled slots.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { dispatchRuns } from "../../cron/dispatch.ts";
import { findTask, isEnabled, registry, type TaskDefinition } from "../../cron/registry.ts";
import { nextFireTimes } from "../../cron/schedule.ts";
import { schedulerDb } from "../../db/d1/client.ts";
import { insertRuns, latestRuns, setPaused, taskStates } from "../../db/d1/runs.ts";
import type { TaskMessage } from "../../queues/messages.ts";
import type { AppContext } from "../app.ts";
import { ApiError } from "../errors.ts";
import { jsonBody, parse } from "../validate.ts";

const nameParams = z.object({ name: z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a task name") });
const runBody = z
  .object({
    userId: z.guid().optional(),
    /** Run as of this instant (the task's "now"); defaults to the request time. */
    slot: z.iso.datetime().optional(),
  })
  .strict();

function taskOr404(name: string): TaskDefinition {
  const task = findTask(name);
  if (!task) throw new ApiError("not_found", `no task named ${name}`);
  return task;
}

export function registerAdminTasks(app: Hono<AppContext>): void {
  app.get("/admin/tasks", async (c) => {
    const db = schedulerDb(c.env.DB);
    const [states, last] = await Promise.all([
      taskStates(db),
      latestRuns(
        db,
        registry.map((t) => t.name),
      ),
    ]);
    const now = new Date();
    return c.json({
      tasks: registry.map((t) => {
        const state = states.get(t.name);
        const run = last.get(t.name);
        const enabled = isEnabled(t.name);
        return {
          name: t.name,
          description: t.description,
          enabled,
          paused: state?.paused ?? false,
          schedule: t.schedule,
          timezone: t.timezone,
          queue: t.queue,
          nextRuns: enabled ? nextFireTimes(t.schedule, t.timezone, now, 3).map((d) => d.toISOString()) : [],
          catchUp: t.catchUp,
          overlap: t.overlap,
          shards: t.shards,
          pageSize: t.pageSize,
          spreadSeconds: t.spreadSeconds,
          lastSlot: state?.lastSlot ?? null,
          lastRun: run
            ? { id: run.id, slot: run.slot, trigger: run.trigger, status: run.status, finishedAt: run.finishedAt }
            : null,
        };
      }),
    });
  });

  app.post("/admin/tasks/:name/run", async (c) => {
    const { name } = parse(nameParams, c.req.param(), "params");
    const body = parse(runBody, await jsonBody(c), "body");
    const task = taskOr404(name);
    if (!isEnabled(name)) throw new ApiError("conflict", `task ${name} is registered but not implemented yet`);
    const db = schedulerDb(c.env.DB);
    const now = new Date();
    const [run] = await insertRuns(db, [
      {
        id: crypto.randomUUID(),
        task: name,
        slot: body.slot ? new Date(body.slot).toISOString() : now.toISOString(),
        trigger: "manual",
        userId: body.userId ?? null,
        shardsTotal: body.userId ? 1 : task.shards,
      },
    ]);
    await dispatchRuns(db, c.env.TASKS_QUEUE as Queue<TaskMessage>, [run!], findTask, now);
    c.var.services.log.info("manual_run", { task: name, runId: run!.id, singleUser: Boolean(body.userId) });
    return c.json({ runId: run!.id }, 202);
  });

  for (const action of ["pause", "resume"] as const) {
    app.post(`/admin/tasks/:name/${action}`, async (c) => {
      const { name } = parse(nameParams, c.req.param(), "params");
      taskOr404(name);
      await setPaused(schedulerDb(c.env.DB), name, action === "pause", new Date());
      c.var.services.log.info(`task_${action}d`, { task: name });
      return c.json({ name, paused: action === "pause" });
    });
  }
}
