/** Helpers for worker suites: admin calls, SQL against the test database, fault injection. */
import { neon, neonConfig } from "@neondatabase/serverless";
import { exports } from "cloudflare:workers";
import { expect, inject, vi } from "vitest";
import type { TaskRun } from "../../src/db/d1/runs.ts";

export const ADMIN_TOKEN = "test-admin-token";
const endpoint = inject("neonEndpoint");

/** SQL straight to the test database (for setup and expectations, not through the worker). */
export function testSql() {
  neonConfig.fetchEndpoint = endpoint;
  return neon("postgres://pam:pam@local-neon/pam");
}

export async function setFaults(faults: { failRate?: number; delayMs?: number; failPhase?: string }) {
  const res = await fetch(endpoint.replace(/\/sql$/, "/_dev/faults"), { method: "PUT", body: JSON.stringify(faults) });
  expect(res.ok).toBe(true);
}

export async function api(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  if (token !== null) headers.set("authorization", `Bearer ${token}`);
  return exports.default.fetch(new Request(`http://pam.test${path}`, { ...init, headers }));
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export async function startRun(task: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await api(`/admin/tasks/${task}/run`, { method: "POST", body: JSON.stringify(body) });
  expect(res.status).toBe(202);
  return (await json<{ runId: string }>(res)).runId;
}

export async function getRun(runId: string): Promise<TaskRun & { pages: number; durationMs: number | null; sqlRoundTripsPerPage: { max: number; mean: number } }> {
  const res = await api(`/admin/runs/${runId}`);
  expect(res.status).toBe(200);
  return (await json(res)).run;
}

/** Polls the run until it leaves queued/running. */
export async function waitForRun(runId: string, timeout = 60_000) {
  return vi.waitFor(
    async () => {
      const run = await getRun(runId);
      if (run.status === "queued" || run.status === "running") throw new Error(`run ${runId} still ${run.status}`);
      return run;
    },
    { timeout, interval: 200 },
  );
}
