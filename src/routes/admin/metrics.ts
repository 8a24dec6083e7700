/** GET /admin/metrics: the last 24 hours per task, dead letters waiting, queue backlogs. */
import type { Hono } from "hono";
import { schedulerDb } from "../../db/d1/client.ts";
import { runMetrics } from "../../db/d1/runs.ts";
import type { AppContext } from "../app.ts";

const DAY = 24 * 3600_000;

export function registerAdminMetrics(app: Hono<AppContext>): void {
  app.get("/admin/metrics", async (c) => {
    const now = Date.now();
    const [runs, ...backlogs] = await Promise.all([
      runMetrics(schedulerDb(c.env.DB), new Date(now - DAY)),
      c.env.TASKS_QUEUE.metrics(),
      c.env.NOTIFY_QUEUE.metrics(),
      c.env.URGENT_QUEUE.metrics(),
    ]);
    const [tasks, notify, urgent] = backlogs.map((m) => ({ backlogCount: m.backlogCount, backlogBytes: m.backlogBytes }));
    return c.json({
      window: { from: new Date(now - DAY).toISOString(), to: new Date(now).toISOString() },
      tasks: runs.perTask,
      deadLettersPending: runs.deadLettersPending,
      queues: { "pam-tasks": tasks, "pam-notify": notify, "pam-urgent": urgent },
    });
  });
}
