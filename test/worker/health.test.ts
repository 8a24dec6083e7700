import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import worker from "../../src/index.ts";
import { inject } from "vitest";
import { afterEach, describe, expect, it } from "vitest";

const faultsUrl = inject("neonEndpoint").replace(/\/sql$/, "/_dev/faults");

async function setFaults(body: Record<string, unknown>) {
  const res = await fetch(faultsUrl, { method: "PUT", body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
}

describe("GET /health", () => {
  afterEach(() => setFaults({ failRate: 0, delayMs: 0 }));

  it("answers 200 with every dependency checked", async () => {
    const res = await exports.default.fetch("http://pam.test/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.status).toBe("ok");
    for (const name of ["postgres", "d1", "kv", "queues"]) {
      expect(body.checks[name].ok, name).toBe(true);
      expect(typeof body.checks[name].latencyMs).toBe("number");
    }
    expect(body.checks.queues.backlog).toEqual({ tasks: expect.any(Number), notify: expect.any(Number), urgent: expect.any(Number) });
  });

  it("answers 503 naming postgres when the SQL endpoint fails, and recovers", async () => {
    await setFaults({ failRate: 1, failPhase: "before" });
    const down = await exports.default.fetch("http://pam.test/health");
    expect(down.status).toBe(503);
    const body = (await down.json()) as any;
    expect(body.status).toBe("down");
    expect(body.failing).toEqual(["postgres"]);
    expect(body.checks.postgres.ok).toBe(false);
    expect(body.checks.postgres.error).toBe("http_500");
    expect(body.checks.d1.ok).toBe(true);

    await setFaults({ failRate: 0 });
    const up = await exports.default.fetch("http://pam.test/health");
    expect(up.status).toBe(200);
  });

  it("answers 503 when the SQL endpoint is slower than the check timeout", async () => {
    await setFaults({ delayMs: 3500 });
    const res = await exports.default.fetch("http://pam.test/health");
    expect(res.status).toBe(503);
    const body = (await res.json()) as any;
    expect(body.checks.postgres.error).toBe("timeout");
  });
});

describe("a misconfigured worker", () => {
  it("answers /health with 503 naming config, and admin routes with 500 misconfigured", async () => {
    const broken = { ...env, DATABASE_URL: "not-a-url" };
    const health = await worker.fetch(new Request("http://pam.test/health"), broken, createExecutionContext());
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "down", failing: ["config"] });
    const admin = await worker.fetch(
      new Request("http://pam.test/admin/tasks", { headers: { authorization: "Bearer test-admin-token" } }),
      broken,
      createExecutionContext(),
    );
    expect(admin.status).toBe(500);
    const body = (await admin.json()) as any;
    expect(body.error.code).toBe("misconfigured");
    expect(body.error.issues).toEqual([expect.objectContaining({ path: "DATABASE_URL" })]);
  });
});

describe("unknown routes", () => {
  it("answer 404 in the error shape", async () => {
    const res = await exports.default.fetch("http://pam.test/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });
});
