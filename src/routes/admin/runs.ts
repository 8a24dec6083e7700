/** /admin/runs: the run ledger, newest first, with counters and durations. */
import type { Hono } from "hono";
import { z } from "zod";
import { schedulerDb } from "../../db/d1/client.ts";
import { getRun, listRuns, pageStats, type TaskRun } from "../../db/d1/runs.ts";
import type { AppContext } from "../app.ts";
import { ApiError } from "../errors.ts";
import { parse } from "../validate.ts";

const listQuery = z
  .object({
    task: z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a task name").optional(),
    status: z.enum(["queued", "running", "succeeded", "failed", "skipped"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const idParams = z.object({ id: z.uuid() });

const ms = (from: string | null, to: string | null) =>
  from && to ? new Date(to).getTime() - new Date(from).getTime() : null;

/** A run as the API shows it: the row plus derived durations. */
export function runView(run: TaskRun) {
  return { ...run, durationMs: ms(run.startedAt, run.finishedAt), queuedMs: ms(run.createdAt, run.startedAt) };
}

export function registerAdminRuns(app: Hono<AppContext>): void {
  app.get("/admin/runs", async (c) => {
    const query = parse(listQuery, c.req.query(), "query");
    const runs = await listRuns(schedulerDb(c.env.DB), query);
    return c.json({ runs: runs.map(runView) });
  });

  app.get("/admin/runs/:id", async (c) => {
    const { id } = parse(idParams, c.req.param(), "params");
    const db = schedulerDb(c.env.DB);
    const [run, pages] = await Promise.all([getRun(db, id), pageStats(db, id)]);
    if (!run) throw new ApiError("not_found", `no run ${id}`);
    return c.json({
      run: {
        ...runView(run),
        pages: pages.pages,
        sqlRoundTripsPerPage: { max: pages.maxRoundTrips, mean: pages.pages ? run.sqlRoundTrips / pages.pages : null },
      },
    });
  });
}
