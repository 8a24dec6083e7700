/**
 * Consumer of the dead-letter queues: what a queue gave up on after max_retries is recorded
 * in D1 `dead_letters` (under the queue it came from) for the operator to inspect and replay,
 * and a task message's run is marked failed. Recording is idempotent per (queue, message id).
 */
import { schedulerDb } from "../db/d1/client.ts";
import { failRun, getRun, recordDeadLetter } from "../db/d1/runs.ts";
import type { Services } from "../services.ts";
import { taskMessageSchema } from "./messages.ts";

export async function consumeDeadLetter(services: Services, dlqName: string, message: Message<unknown>): Promise<void> {
  const db = schedulerDb(services.env.DB);
  const queue = dlqName.replace(/-dlq$/, "");
  const task = taskMessageSchema.safeParse(message.body);
  const run = task.success ? await getRun(db, task.data.runId) : undefined;
  await recordDeadLetter(db, {
    queue,
    messageId: message.id,
    body: JSON.stringify(message.body ?? null),
    error: `retries exhausted${run?.reason ? ` (${run.reason})` : ""}`,
    attempts: message.attempts,
    runId: task.success ? task.data.runId : null,
    task: task.success ? task.data.task : null,
  });
  if (task.success) await failRun(db, task.data.runId, "dead letter: retries exhausted", new Date());
  services.log.error("dead_letter_recorded", {
    queue,
    messageId: message.id,
    task: task.success ? task.data.task : undefined,
    runId: task.success ? task.data.runId : undefined,
  });
  message.ack();
}
