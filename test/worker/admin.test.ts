import { describe, expect, it } from "vitest";
import { api, json } from "./support.ts";

const errorShape = (code: string) => ({ error: expect.objectContaining({ code, message: expect.any(String) }) });

describe("admin authentication", () => {
  it.each([
    ["no header", null],
    ["a wrong token", "wrong-token-value"],
    ["a token that is a prefix of the real one", "test-admin"],
  ])("rejects %s with 401", async (_label, token) => {
    const res = await api("/admin/tasks", { token });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await json(res)).toEqual(errorShape("unauthorized"));
  });

  it("rejects a non-bearer scheme", async () => {
    const res = await api("/admin/tasks", { token: null, headers: { authorization: "Basic dGVzdDp0ZXN0" } });
    expect(res.status).toBe(401);
  });

  it("guards every admin route, not only the ones that exist", async () => {
    expect((await api("/admin/nope", { token: null })).status).toBe(401);
    expect((await api("/admin/tasks/fuel-monitoring/run", { method: "POST", token: null })).status).toBe(401);
  });
});

describe("GET /admin/tasks", () => {
  it("lists every registered task, only implemented ones enabled", async () => {
    const res = await api("/admin/tasks");
    expect(res.status).toBe(200);
    const { tasks } = await json(res);
    expect(tasks).toHaveLength(16);
    const fuel = tasks.find((t: any) => t.name === "fuel-monitoring");
    expect(fuel).toMatchObject({ enabled: true, schedule: "*/5 * * * *", timezone: "UTC", shards: 8, pageSize: 500 });
    expect(fuel.nextRuns).toHaveLength(3);
    expect(new Date(fuel.nextRuns[0]).getUTCMinutes() % 5).toBe(0);
    const digest = tasks.find((t: any) => t.name === "daily-digest");
    expect(digest).toMatchObject({ enabled: false, nextRuns: [] });
  });
});

describe("POST /admin/tasks/:name/run", () => {
  it("404s an unknown task", async () => {
    const res = await api("/admin/tasks/no-such-task/run", { method: "POST" });
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual(errorShape("not_found"));
  });

  it("409s a registered task that is not implemented", async () => {
    const res = await api("/admin/tasks/daily-digest/run", { method: "POST" });
    expect(res.status).toBe(409);
    expect(await json(res)).toEqual(errorShape("conflict"));
  });

  it("400s a bad userId with the field path", async () => {
    const res = await api("/admin/tasks/fuel-monitoring/run", { method: "POST", body: JSON.stringify({ userId: "bob" }) });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues).toEqual([expect.objectContaining({ path: "body.userId" })]);
  });

  it("400s unknown fields and invalid JSON", async () => {
    const extra = await api("/admin/tasks/fuel-monitoring/run", { method: "POST", body: JSON.stringify({ user: 1 }) });
    expect(extra.status).toBe(400);
    const broken = await api("/admin/tasks/fuel-monitoring/run", { method: "POST", body: "{not json" });
    expect(broken.status).toBe(400);
    expect((await json(broken)).error.issues[0].path).toBe("body");
  });

  it("400s a malformed task name", async () => {
    const res = await api("/admin/tasks/DROP%20TABLE/run", { method: "POST" });
    expect(res.status).toBe(400);
    expect((await json(res)).error.issues[0].path).toBe("params.name");
  });
});

describe("pause and resume", () => {
  it("toggle the paused flag shown in the task list", async () => {
    expect(await json(await api("/admin/tasks/trip-compression/pause", { method: "POST" }))).toEqual({
      name: "trip-compression",
      paused: true,
    });
    let tasks = (await json(await api("/admin/tasks"))).tasks;
    expect(tasks.find((t: any) => t.name === "trip-compression").paused).toBe(true);
    await api("/admin/tasks/trip-compression/resume", { method: "POST" });
    tasks = (await json(await api("/admin/tasks"))).tasks;
    expect(tasks.find((t: any) => t.name === "trip-compression").paused).toBe(false);
    expect((await api("/admin/tasks/nope/pause", { method: "POST" })).status).toBe(404);
  });
});

describe("runs and dead letters: validation", () => {
  it.each([
    ["/admin/runs?limit=abc", "query.limit"],
    ["/admin/runs?limit=0", "query.limit"],
    ["/admin/runs?status=exploded", "query.status"],
    ["/admin/runs?colour=red", "query"],
    ["/admin/runs/not-a-uuid", "params.id"],
    ["/admin/dead-letters?limit=-1", "query.limit"],
  ])("%s → 400 at %s", async (path, issuePath) => {
    const res = await api(path);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues.map((i: any) => i.path)).toContain(issuePath);
  });

  it("404s an unknown run and dead letter", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    expect((await api(`/admin/runs/${id}`)).status).toBe(404);
    expect((await api(`/admin/dead-letters/${id}/replay`, { method: "POST" })).status).toBe(404);
  });
});

describe("GET /admin/metrics", () => {
  it("reports queues and dead letters", async () => {
    const res = await api("/admin/metrics");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.queues["pam-tasks"]).toEqual({ backlogCount: expect.any(Number), backlogBytes: expect.any(Number) });
    expect(typeof body.deadLettersPending).toBe("number");
    expect(Array.isArray(body.tasks)).toBe(true);
  });
});
