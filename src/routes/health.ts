/**
 * GET /health (public): each dependency is really exercised, in parallel, with a timeout:
 * Postgres with a query through the Neon driver, D1 with a query, KV with a read, and every
 * queue producer with a metrics call (no message is sent, so probes cost no queue operations
 * and never reach a consumer). 200 when all pass, 503 naming the failing checks otherwise.
 */
import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import { classifyError } from "../queues/retry.ts";
import type { Services } from "../services.ts";
import type { AppContext } from "./app.ts";

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
  [detail: string]: unknown;
}

async function timed(timeoutMs: number, probe: () => Promise<Record<string, unknown> | undefined>): Promise<CheckResult> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HealthTimeout(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    const details = await Promise.race([probe(), timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started), ...details };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: describe(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A reason code for the public endpoint: `timeout`, `unreachable`, `http_<status>`, a SQLSTATE
 * or `error` — never the driver's message, which can name hosts or users.
 */
function describe(err: unknown): string {
  if (err instanceof HealthTimeout) return "timeout";
  const failure = classifyError(err);
  if (failure.code === "error" && /connecting to database|network/i.test(failure.message)) return "unreachable";
  return failure.code;
}

class HealthTimeout extends Error {}

export async function checkHealth(services: Services) {
  const { env, config } = services;
  const t = config.HEALTH_TIMEOUT_MS;
  const queues = { tasks: env.TASKS_QUEUE, notify: env.NOTIFY_QUEUE, urgent: env.URGENT_QUEUE };
  const [postgres, d1, kv, queue] = await Promise.all([
    timed(t, async () => {
      await services.pg().db.execute(sql`select 1`);
      return undefined;
    }),
    timed(t, async () => {
      await env.DB.prepare("select 1").first();
      return undefined;
    }),
    timed(t, async () => {
      await env.CACHE.get("health:probe");
      return undefined;
    }),
    timed(t, async () => {
      const backlog: Record<string, number> = {};
      for (const [name, q] of Object.entries(queues)) backlog[name] = (await q.metrics()).backlogCount;
      return { backlog };
    }),
  ]);
  const checks = { postgres, d1, kv, queues: queue };
  const failing = Object.entries(checks)
    .filter(([, c]) => !c.ok)
    .map(([name]) => name);
  // Postgres, D1 and the queues are each required for any work to happen; KV only caches.
  const status = failing.length === 0 ? "ok" : failing.every((n) => n === "kv") ? "degraded" : "down";
  return { status, failing, checks } as const;
}

export function registerHealth(app: Hono<AppContext>): void {
  app.get("/health", async (c) => {
    const report = await checkHealth(c.var.services);
    return c.json(report, report.status === "ok" ? 200 : 503);
  });
}
