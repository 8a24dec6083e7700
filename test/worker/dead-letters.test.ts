/**
 * Failure paths of the task consumer: poison messages are dead-lettered at once, transient
 * failures are retried with backoff, exhausted retries land in the DLQ consumer, and dead
 * letters can be replayed from the admin API.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { api, json, setFaults, startRun, testSql, waitForRun } from "./support.ts";

const sql = testSql();

async function deadLetterFor(predicate: (l: any) => boolean, timeout = 30_000) {
  return vi.waitFor(
    async () => {
      const { deadLetters } = await json(await api("/admin/dead-letters"));
      const letter = (deadLetters as any[]).find(predicate);
      if (!letter) throw new Error("no dead letter yet");
      return letter;
    },
    { timeout, interval: 250 },
  );
}

describe("poison messages", () => {
  it("a malformed message is dead-lettered at once, never retried", async () => {
    const marker = crypto.randomUUID();
    await env.TASKS_QUEUE.send({ v: 1, type: "task", task: "fuel-monitoring", runId: marker });
    const letter = await deadLetterFor((l) => l.body?.runId === marker);
    expect(letter).toMatchObject({ queue: "pam-tasks", attempts: 1, replayedAt: null });
    expect(letter.error).toMatch(/^invalid_message: .*slot/);
  });

  it("an unknown task is dead-lettered at once", async () => {
    const runId = crypto.randomUUID();
    const body = { v: 1, type: "task", task: "no-such-task", runId, slot: new Date().toISOString(), shard: 0, shards: 1 };
    const batch = createMessageBatch("pam-tasks", [{ id: `unknown-${runId}`, timestamp: new Date(), attempts: 1, body }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toEqual([`unknown-${runId}`]);
    const letter = await deadLetterFor((l) => l.messageId === `unknown-${runId}`);
    expect(letter.error).toMatch(/^unknown_task/);
  });

  it("replay refuses a message that would fail again, and takes a corrected one", async () => {
    const marker = crypto.randomUUID();
    await env.TASKS_QUEUE.send({ v: 1, type: "task", task: "fuel-monitoring", runId: marker, shard: 0, shards: 2 });
    const letter = await deadLetterFor((l) => l.body?.runId === marker);

    const refused = await api(`/admin/dead-letters/${letter.id}/replay`, { method: "POST" });
    expect(refused.status).toBe(409);
    const error = (await json(refused)).error;
    expect(error.code).toBe("conflict");
    expect(error.issues.map((i: any) => i.path)).toContain("deadLetter.body.slot");

    // The operator corrects the message to the shard of a real run and replays it.
    const [user] = (await sql`select id from profiles where status = 'active' order by id limit 1`) as { id: string }[];
    const runId = await startRun("fuel-monitoring", { userId: user!.id });
    await waitForRun(runId);
    const corrected = { v: 1, type: "task", task: "fuel-monitoring", runId, slot: new Date().toISOString(), shard: 0, shards: 1, userId: user!.id };
    const replay = await api(`/admin/dead-letters/${letter.id}/replay`, { method: "POST", body: JSON.stringify({ message: corrected }) });
    expect(replay.status).toBe(202);
    expect(await json(replay)).toMatchObject({ id: letter.id, queue: "pam-tasks", replayedAt: expect.any(String) });

    const again = await api(`/admin/dead-letters/${letter.id}/replay`, { method: "POST" });
    expect(again.status).toBe(409);
  });
});

describe("transient failures", () => {
  it("are retried with the backoff policy and counted on the run", async () => {
    const [user] = (await sql`select id from profiles where status = 'active' order by id desc limit 1`) as { id: string }[];
    const runId = crypto.randomUUID();
    await env.DB.prepare(
      "insert into task_runs (id, task, slot, trigger, user_id, status, shards_total, dispatched_at) values (?, 'fuel-monitoring', ?, 'manual', ?, 'queued', 1, ?)",
    )
      .bind(runId, new Date().toISOString(), user!.id, new Date().toISOString())
      .run();
    const body = { v: 1, type: "task", task: "fuel-monitoring", runId, slot: new Date().toISOString(), shard: 0, shards: 1, userId: user!.id };
    const batch = createMessageBatch("pam-tasks", [{ id: `transient-${runId}`, timestamp: new Date(), attempts: 3, body }]);
    const retry = vi.spyOn(batch.messages[0]!, "retry");
    await setFaults({ failRate: 1, failPhase: "before" });
    const ctx = createExecutionContext();
    try {
      await worker.queue(batch, env, ctx);
    } finally {
      await setFaults({ failRate: 0 });
    }
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: `transient-${runId}` }]);
    // RETRY_BASE_SECONDS=1 and RETRY_CAP_SECONDS=1 in the test bindings: the capped window is 1 s.
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 1 });
    const { run } = await json(await api(`/admin/runs/${runId}`));
    expect(run).toMatchObject({ status: "running", retries: 1, errors: 1 });
  });

  it("retries exhausted → the dead-letter queue records it, the run fails, and a replay completes it", async () => {
    const [user] = (await sql`select id from profiles where status = 'active' order by id desc offset 1 limit 1`) as { id: string }[];
    await setFaults({ failRate: 1, failPhase: "before" });
    let runId: string;
    try {
      runId = await startRun("fuel-monitoring", { userId: user!.id });
      const failed = await waitForRun(runId, 90_000);
      expect(failed.status).toBe("failed");
      expect(failed.retries).toBeGreaterThanOrEqual(10);
    } finally {
      await setFaults({ failRate: 0 });
    }
    const letter = await deadLetterFor((l) => l.runId === runId);
    expect(letter).toMatchObject({ queue: "pam-tasks", task: "fuel-monitoring" });
    expect(letter.error).toMatch(/retries exhausted/);

    const replay = await api(`/admin/dead-letters/${letter.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(202);
    const done = await waitForRun(runId);
    expect(done).toMatchObject({ status: "succeeded", usersScanned: 1, shardsDone: 1 });
  });
});

describe("delivery queues", () => {
  it("keep an email message as a dead letter, replayable to the queue it came from", async () => {
    const outboxId = crypto.randomUUID();
    await env.URGENT_QUEUE.send({ v: 1, type: "email", outboxId });
    const letter = await deadLetterFor((l) => l.body?.outboxId === outboxId);
    expect(letter).toMatchObject({ queue: "pam-urgent", attempts: 1 });
    expect(letter.error).toMatch(/^delivery_unavailable/);
    const replay = await api(`/admin/dead-letters/${letter.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(202);
    expect(await json(replay)).toMatchObject({ queue: "pam-urgent" });
  });
});
