/**
 * /admin/dead-letters: what the queues gave up on, and replay.
 *
 * Replay re-validates the stored body first: a body that is still invalid (malformed, unknown
 * task) is refused with 409 and the reasons — sending it would only dead-letter it again. The
 * operator can then replay with a corrected message in the request (`{"message": {...}}`). A
 * valid one is sent back to the queue it came from; its run is re-opened and settles again as
 * its shards finish. Replaying twice is refused (409), and harmless anyway: pages are ledgered
 * and effects carry dedupe keys.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { findTask, isEnabled } from "../../cron/registry.ts";
import { schedulerDb } from "../../db/d1/client.ts";
import {
  claimReplay,
  type DeadLetter,
  failRun,
  getDeadLetter,
  listDeadLetters,
  releaseReplay,
  reopenRun,
} from "../../db/d1/runs.ts";
import { deliveryMessageSchema, taskMessageSchema } from "../../queues/messages.ts";
import type { AppContext } from "../app.ts";
import { ApiError, type ApiIssue, zodIssues } from "../errors.ts";
import { jsonBody, parse } from "../validate.ts";

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();
const idParams = z.object({ id: z.uuid() });
/** Optional corrected message to send instead of the stored one. */
const replayBody = z.object({ message: z.record(z.string(), z.unknown()).optional() }).strict();

function parsedBody(letter: DeadLetter): unknown {
  try {
    return JSON.parse(letter.body);
  } catch {
    return letter.body;
  }
}

function view(letter: DeadLetter) {
  return { ...letter, body: parsedBody(letter) };
}

export function registerAdminDeadLetters(app: Hono<AppContext>): void {
  app.get("/admin/dead-letters", async (c) => {
    const { limit } = parse(listQuery, c.req.query(), "query");
    const letters = await listDeadLetters(schedulerDb(c.env.DB), limit);
    return c.json({ deadLetters: letters.map(view) });
  });

  app.post("/admin/dead-letters/:id/replay", async (c) => {
    const { id } = parse(idParams, c.req.param(), "params");
    const request = parse(replayBody, await jsonBody(c), "body");
    const db = schedulerDb(c.env.DB);
    const letter = await getDeadLetter(db, id);
    if (!letter) throw new ApiError("not_found", `no dead letter ${id}`);
    if (letter.replayedAt) throw alreadyReplayed(id, letter.replayedAt);
    const body = request.message ?? parsedBody(letter);
    const where = request.message ? "body.message" : "deadLetter.body";
    const now = new Date();

    // Validate before claiming: a refused replay leaves the dead letter as it was.
    let send: () => Promise<unknown>;
    let runId: string | undefined;
    if (letter.queue === "pam-tasks") {
      const task = taskMessageSchema.safeParse(body);
      if (!task.success) throw unreplayable(zodIssues(task.error, where));
      if (!findTask(task.data.task) || !isEnabled(task.data.task)) {
        throw unreplayable([{ path: `${where}.task`, message: `no implemented task named ${task.data.task}` }]);
      }
      runId = task.data.runId;
      send = () => c.env.TASKS_QUEUE.send(task.data);
    } else {
      const delivery = deliveryMessageSchema.safeParse(body);
      if (!delivery.success) throw unreplayable(zodIssues(delivery.error, where));
      const queue = letter.queue === "pam-urgent" ? c.env.URGENT_QUEUE : c.env.NOTIFY_QUEUE;
      send = () => queue.send(delivery.data);
    }

    // Claim, re-open the run, then send: a double click replays once, and the run is open
    // before its shard can finish. A failed send undoes both.
    if (!(await claimReplay(db, id, now))) throw alreadyReplayed(id, "the same moment");
    if (runId) await reopenRun(db, runId);
    try {
      await send();
    } catch (err) {
      await releaseReplay(db, id);
      if (runId) await failRun(db, runId, "dead letter: replay could not be sent", new Date());
      throw err;
    }
    c.var.services.log.info("dead_letter_replayed", { deadLetterId: id, queue: letter.queue, corrected: Boolean(request.message) });
    return c.json({ id, queue: letter.queue, replayedAt: now.toISOString() }, 202);
  });
}

function alreadyReplayed(id: string, at: string): ApiError {
  return new ApiError("conflict", `dead letter ${id} was already replayed at ${at}`);
}

function unreplayable(issues: ApiIssue[]): ApiError {
  return new ApiError(
    "conflict",
    "the message is not valid for replay and would fail again; replay with a corrected {\"message\": …}",
    issues,
  );
}
