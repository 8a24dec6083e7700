/**
 * `npm run bench -- [--users N] [--seed S] [--database-url URL] [--loop-sample M] [--out DIR] [--port P] [--keep]`
 *
 * SPEC §9: seeds N users into a real Postgres (a scratch database on DATABASE_URL's server,
 * dropped at the end) and, per implemented task, measures in the same run:
 *
 *   engine          full sweeps through the real runtime: `wrangler dev` (workerd, local D1 and
 *                   Queues) → POST /admin/tasks/:name/run → shard messages → consumers → the
 *                   local Neon-compatible endpoint → Postgres. Wall time = POST → success seen.
 *                   Run twice: the first is cold (fresh isolate, cold caches), the second warm;
 *                   the ratios use the warm one, as the other variants also run warm.
 *   lower bound     the task's page statement once, over the whole id space with no page limit,
 *                   from Node through the same endpoint: the same computation as one statement.
 *   per-user loop   the old Celery pattern: fetch the active ids, then one statement per user,
 *                   sequentially. Timed on a sample (`--loop-sample`) and extrapolated linearly.
 *
 * Before every variant the task's notifications are deleted, so each does the same inserting
 * work; the variants must then produce identical notifications (count and a digest of their
 * dedupe keys), or the bench fails: a fast wrong answer is no result.
 *
 * Writes bench-<timestamp>.json and .svg to --out (default bench-results/) and prints a table.
 * The worker runs on its own port with its own state directory (.data/bench-wrangler), so a
 * running `npm run dev` is never touched.
 */
import { execFileSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { sql as dsql } from "drizzle-orm";
import { singleUserRange } from "../../src/cron/shards.ts";
import { findTask } from "../../src/cron/registry.ts";
import { createPgClient } from "../../src/db/client.ts";
import { configSchema } from "../../src/env.ts";
import { createLogger } from "../../src/log.ts";
import { fuelMonitoring } from "../../src/tasks/fuel-monitoring.ts";
import type { TaskContext, TaskModule } from "../../src/tasks/types.ts";
import { LOCAL_CONNECTION_STRING, localNeon, migratePostgres, startLocalEndpoint } from "../lib/database.ts";
import { createScratchDatabase } from "../lib/scratch-database.ts";
import { ROOT, runWrangler, spawnWrangler } from "../lib/wrangler.ts";
import { seedFleet } from "../seed/write.ts";
import {
  extrapolateLoop,
  formatMs,
  formatRatio,
  ratios,
  renderChart,
  roundTripsPer1000Users,
  type TaskBench,
  usersPerSecond,
  VARIANT_LABELS,
  type Variant,
} from "./chart.ts";

/**
 * What the bench needs to know about a task beyond its module: the notification kinds its
 * rule creates (cleared before each variant and compared after). A new task joins the bench
 * by adding a line here.
 */
const BENCH_TASKS: { module: TaskModule; kinds: string[] }[] = [
  { module: fuelMonitoring, kinds: ["fuel_low", "fuel_critical"] },
];

const WHOLE_SPACE = { lower: "00000000-0000-0000-0000-000000000000", upper: null };
const POLL_MS = 50;
const RUN_TIMEOUT_MS = 10 * 60_000;

// ---------------------------------------------------------------- options

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "20000" },
    seed: { type: "string", default: "42" },
    "database-url": { type: "string", default: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test" },
    "loop-sample": { type: "string", default: "2000" },
    out: { type: "string", default: "bench-results" },
    port: { type: "string", default: "8788" },
    keep: { type: "boolean", default: false },
  },
});

function positiveInt(name: string, raw: string): number {
  const n = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const USERS = positiveInt("users", args.users);
const SEED = positiveInt("seed", args.seed);
const LOOP_SAMPLE = positiveInt("loop-sample", args["loop-sample"]);
const PORT = positiveInt("port", args.port);
const SERVER_URL = args["database-url"];
const OUT_DIR = resolve(process.cwd(), args.out);
const PERSIST_DIR = resolve(ROOT, ".data/bench-wrangler");
const WORKER_URL = `http://127.0.0.1:${PORT}`;
// A token of its own: the bench's worker never shares credentials with a dev stack.
const ADMIN_TOKEN = `bench-${randomUUID()}`;

const step = (msg: string) => console.log(`\x1b[36m▸\x1b[0m ${msg}`);
const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- cleanup

/** Undo steps, run last-in first-out exactly once: on success, on error and on SIGINT/SIGTERM. */
const undo: { name: string; fn: () => Promise<void> }[] = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const { name, fn } of undo.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error(`cleanup: ${name} failed: ${(err as Error).message}`);
      }
    }
  })();
  return cleaning;
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the worker and the endpoint, dropping the scratch database`);
    void cleanup().then(() => process.exit(130));
  });
}

/**
 * wrangler runs workerd as its child; it is started in a process group of its own so the
 * whole tree can be stopped together, and a group that ignores SIGTERM is killed after 5 s.
 */
function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return Promise.resolve();
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  };
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      signalGroup("SIGKILL"); // anything left in the group (a workerd that outlived wrangler)
      done();
    };
    const timer = setTimeout(finish, 5000);
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once("exit", finish);
    signalGroup("SIGTERM");
  });
}

// ---------------------------------------------------------------- worker API

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${WORKER_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

interface RunView {
  id: string;
  status: string;
  reason: string | null;
  shardsTotal: number;
  usersScanned: number;
  actions: number;
  retries: number;
  errors: number;
  sqlRoundTrips: number;
  sqlMs: number;
  durationMs: number | null;
  queuedMs: number | null;
  pages: number;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const startedAt = new Date();
  // Today at midnight UTC, as `npm run db:seed` does: the data is relative to its anchor, and the
  // same (seed, day) gives the same fleet. Every variant runs as of this slot.
  const anchor = new Date(`${startedAt.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const slot = anchor;

  if (await fetch(`${WORKER_URL}/health`).then(() => true, () => false)) {
    throw new Error(`port ${PORT} already answers HTTP: pick another with --port`);
  }

  step(`creating a scratch database on ${redact(SERVER_URL)}`);
  const scratch = await createScratchDatabase(SERVER_URL, "pam_edge_bench");
  undo.push({
    name: "drop scratch database",
    fn: async () => {
      if (args.keep) console.log(`kept the scratch database: ${redact(scratch.url)}`);
      else await scratch.drop();
    },
  });

  const local = await startLocalEndpoint({ databaseUrl: scratch.url, port: 0 });
  undo.push({ name: "stop SQL endpoint", fn: () => local.close() });
  step(`SQL-over-HTTP endpoint on ${local.endpoint}`);
  await migratePostgres(local.endpoint);
  const neonSql = localNeon(local.endpoint);
  const q = async <T>(text: string, params: unknown[] = []) => (await neonSql.query(text, params)) as T[];
  const [{ server_version: pgVersion }] = (await q<{ server_version: string }>("show server_version")) as [
    { server_version: string },
  ];

  step(`seeding ${fmtInt(USERS)} users (seed ${SEED}, anchor ${anchor.toISOString().slice(0, 10)})`);
  const seeded = await seedFleet((text, params = []) => neonSql.query(text, params), {
    users: USERS,
    seed: SEED,
    anchor,
  });
  step(`seeded in ${formatMs(seeded.ms)} (${fmtInt(Object.values(seeded.rows).reduce((a, b) => a + b, 0))} rows)`);
  const [{ n: activeUsers }] = (await q<{ n: number }>(
    "select count(*)::int as n from profiles where status = 'active'",
  )) as [{ n: number }];

  // ---- the worker, isolated from any dev stack: own port, own state, own token
  rmSync(PERSIST_DIR, { recursive: true, force: true });
  mkdirSync(PERSIST_DIR, { recursive: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const logPath = resolve(PERSIST_DIR, "wrangler.log");
  const logFd = openSync(logPath, "a");
  undo.push({ name: "close wrangler log", fn: async () => closeSync(logFd) });
  const logTail = () => readFileSync(logPath, "utf8").split("\n").slice(-30).join("\n");

  step("applying D1 migrations to the bench state");
  await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST_DIR], {
    stdio: ["ignore", logFd, logFd],
  }).catch((err: Error) => {
    throw new Error(`${err.message}\n${logTail()}`);
  });

  step(`starting wrangler dev on ${WORKER_URL} (log: ${logPath})`);
  const wrangler = spawnWrangler(
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(PORT),
      "--persist-to",
      PERSIST_DIR,
      // Explicit, so the bench neither depends on nor picks up a developer's .dev.vars.
      "--var",
      `DATABASE_URL:${LOCAL_CONNECTION_STRING}`,
      "--var",
      `NEON_HTTP_ENDPOINT:${local.endpoint}`,
      "--var",
      `ADMIN_TOKEN:${ADMIN_TOKEN}`,
      "--show-interactive-dev-session=false",
    ],
    { stdio: ["ignore", logFd, logFd], detached: true },
  );
  undo.push({ name: "stop wrangler dev", fn: () => stopGroup(wrangler) });
  let wranglerExit: string | undefined;
  wrangler.on("exit", (code, signal) => {
    wranglerExit = `wrangler dev exited (${signal ?? code})`;
  });

  const healthDeadline = Date.now() + 90_000;
  for (;;) {
    if (wranglerExit) throw new Error(`${wranglerExit}\n${logTail()}`);
    if (Date.now() > healthDeadline) throw new Error(`the worker did not answer within 90 s\n${logTail()}`);
    const health = await fetch(`${WORKER_URL}/health`).then(
      async (r) => (await r.json()) as { checks?: { postgres?: { ok: boolean } } },
      () => undefined,
    );
    if (health?.checks?.postgres?.ok) break;
    await sleep(250);
  }
  step("worker ready");

  const fingerprint = async (kinds: string[], userIds: string[] | null = null) => {
    const [row] = await q<{ count: number; digest: string }>(
      `select count(*)::int as count, coalesce(md5(string_agg(dedupe_key, ',' order by dedupe_key)), '') as digest
       from notifications where kind = any($1::text[]) and ($2::uuid[] is null or user_id = any($2::uuid[]))`,
      [kinds, userIds],
    );
    return row!;
  };
  const clear = (kinds: string[]) => q("delete from notifications where kind = any($1::text[])", [kinds]);

  const results: TaskBench[] = [];
  const checks: string[] = [];

  for (const { module, kinds } of BENCH_TASKS) {
    const def = findTask(module.name);
    if (!def) throw new Error(`${module.name} is not in the registry`);
    console.log(`\n\x1b[1m${module.name}\x1b[0m  (${def.shards} shards × pages of ${def.pageSize} users)`);

    // ---- engine: two full sweeps through workerd and the queues
    const engineSweep = async (label: string): Promise<Variant> => {
      await clear(kinds);
      const t0 = performance.now();
      const { runId } = await api<{ runId: string }>("POST", `/admin/tasks/${module.name}/run`, {
        slot: slot.toISOString(),
      });
      let run: RunView;
      for (;;) {
        if (wranglerExit) throw new Error(`${wranglerExit}\n${logTail()}`);
        ({ run } = await api<{ run: RunView }>("GET", `/admin/runs/${runId}`));
        if (run.status === "succeeded") break;
        if (run.status === "failed" || run.status === "skipped") {
          const dead = await api<unknown>("GET", "/admin/dead-letters").catch(() => null);
          throw new Error(`run ${runId} ${run.status}: ${run.reason}\n${JSON.stringify(dead, null, 2)}`);
        }
        if (performance.now() - t0 > RUN_TIMEOUT_MS) throw new Error(`run ${runId} still ${run.status} after 10 min`);
        await sleep(POLL_MS);
      }
      const wallMs = performance.now() - t0;
      const fp = await fingerprint(kinds);
      if (fp.count !== run.actions) {
        throw new Error(`${label}: the run counted ${run.actions} notifications, the database holds ${fp.count}`);
      }
      if (run.usersScanned !== activeUsers) {
        throw new Error(`${label}: the run scanned ${run.usersScanned} users, ${activeUsers} are active`);
      }
      step(
        `${label}: ${formatMs(wallMs)} (queued ${formatMs(run.queuedMs ?? 0)}, running ${formatMs(run.durationMs ?? 0)}), ` +
          `${run.pages} pages, ${run.sqlRoundTrips} SQL round trips, ${fmtInt(run.actions)} notifications`,
      );
      return {
        key: label === "engine, cold" ? "engineCold" : "engine",
        wallMs,
        users: run.usersScanned,
        sqlRoundTrips: run.sqlRoundTrips,
        notifications: run.actions,
        run: {
          runId,
          durationMs: run.durationMs,
          queuedMs: run.queuedMs,
          sqlMs: run.sqlMs,
          pages: run.pages,
          shards: run.shardsTotal,
          retries: run.retries,
        },
      };
    };
    const engineCold = await engineSweep("engine, cold");
    const reference = await fingerprint(kinds);
    const engine = await engineSweep("engine, warm");
    const sameAs = async (label: string) => {
      const fp = await fingerprint(kinds);
      if (fp.count !== reference.count || fp.digest !== reference.digest) {
        throw new Error(
          `${label} created ${fp.count} notifications (digest ${fp.digest}), the first engine run ${reference.count} (${reference.digest})`,
        );
      }
    };
    await sameAs("the second engine run");

    // ---- Node-side variants through the same endpoint, metered like the consumer meters pages
    const pg = createPgClient({ databaseUrl: LOCAL_CONNECTION_STRING, neonHttpEndpoint: local.endpoint });
    const ctx: TaskContext = {
      db: pg.db,
      slot,
      runId: randomUUID(),
      config: configSchema.parse({
        DATABASE_URL: LOCAL_CONNECTION_STRING,
        NEON_HTTP_ENDPOINT: local.endpoint,
        ADMIN_TOKEN,
        ENVIRONMENT: "development",
        LOG_LEVEL: "warn",
      }),
      log: createLogger("warn", { task: module.name, bench: true }),
    };

    // Lower bound: the same statement over every user at once.
    await clear(kinds);
    let before = pg.meter.snapshot().roundTrips;
    let t0 = performance.now();
    const whole = await module.runPage(ctx, { range: WHOLE_SPACE, cursor: null, limit: USERS + 1 });
    const lowerMs = performance.now() - t0;
    const lowerTrips = pg.meter.snapshot().roundTrips - before;
    if (whole.nextCursor !== null || whole.users !== activeUsers) {
      throw new Error(`lower bound looked at ${whole.users} users (${activeUsers} active), cursor ${whole.nextCursor}`);
    }
    await sameAs("the one-statement sweep");
    step(`lower bound: ${formatMs(lowerMs)}, ${lowerTrips} SQL round trip(s), ${fmtInt(whole.actions)} notifications`);
    const lowerBound: Variant = {
      key: "lowerBound",
      wallMs: lowerMs,
      users: whole.users,
      sqlRoundTrips: lowerTrips,
      notifications: whole.actions,
    };

    // Per-user loop, the Celery pattern: the id list fetched once, then one statement per
    // user, strictly sequential. Sample: evenly spaced over the id order, which for random UUIDs
    // is a uniform sample of users. Its reference is what the one-statement sweep, still in the
    // table, created for those same users.
    const activeIds = async () =>
      (await pg.db.execute<{ id: string }>(dsql`select id from profiles where status = 'active' order by id`)).rows.map(
        (r) => r.id,
      );
    const allIds = await activeIds();
    const sampleSize = Math.min(LOOP_SAMPLE, allIds.length);
    const sampled = sampleSize < allIds.length;
    const sample = Array.from({ length: sampleSize }, (_, i) => allIds[Math.floor((i * allIds.length) / sampleSize)]!);
    const expectedSample = await fingerprint(kinds, sampled ? sample : null);

    await clear(kinds);
    before = pg.meter.snapshot().roundTrips;
    t0 = performance.now();
    const ids = await activeIds(); // timed: part of the loop's cost, not per user
    const idsMs = performance.now() - t0;
    const idsTrips = pg.meter.snapshot().roundTrips - before;
    if (ids.length !== allIds.length) throw new Error("the active users changed during the bench");
    let loopActions = 0;
    before = pg.meter.snapshot().roundTrips;
    t0 = performance.now();
    for (const id of sample) {
      const r = await module.runPage(ctx, { range: singleUserRange(id), cursor: null, limit: 1 });
      loopActions += r.actions;
    }
    const sampleMs = performance.now() - t0;
    const sampleTrips = pg.meter.snapshot().roundTrips - before;
    const loopFp = await fingerprint(kinds, sampled ? sample : null);
    if (loopFp.count !== expectedSample.count || loopFp.digest !== expectedSample.digest || loopActions !== loopFp.count) {
      throw new Error(
        `per-user loop created ${loopFp.count} notifications for its ${sampleSize} users (reported ${loopActions}), ` +
          `the one-statement sweep ${expectedSample.count} for the same users`,
      );
    }
    const full = extrapolateLoop({
      totalUsers: ids.length,
      sampleUsers: sampleSize,
      sampleMs,
      sampleRoundTrips: sampleTrips,
      fixedMs: idsMs,
      fixedRoundTrips: idsTrips,
    });
    const extrapolated = sampled;
    step(
      `per-user loop: ${fmtInt(sampleSize)} users in ${formatMs(sampleMs)} (${sampleTrips} SQL round trips)` +
        (extrapolated ? ` → ${formatMs(full.wallMs)} for ${fmtInt(ids.length)} users, extrapolated` : ""),
    );
    const perUserLoop: Variant = {
      key: "perUserLoop",
      wallMs: full.wallMs,
      users: ids.length,
      sqlRoundTrips: full.sqlRoundTrips,
      notifications: loopFp.count,
      ...(extrapolated ? { sample: { users: sampleSize, wallMs: sampleMs, sqlRoundTrips: sampleTrips } } : {}),
    };
    checks.push(
      `${module.name}: engine (both runs) and one statement created the same ${fmtInt(reference.count)} notifications; ` +
        `per-user loop matched on ${extrapolated ? `its ${fmtInt(sampleSize)}-user sample` : "every user"} (${fmtInt(loopFp.count)})`,
    );
    await clear(kinds);

    results.push({ task: module.name, variants: [lowerBound, engine, engineCold, perUserLoop] });

  }

  // ---------------------------------------------------------------- report
  const stamp = startedAt.toISOString().slice(0, 19).replaceAll(":", "-");
  const jsonPath = resolve(OUT_DIR, `bench-${stamp}Z.json`);
  const svgPath = resolve(OUT_DIR, `bench-${stamp}Z.svg`);
  const gitCommit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    } catch {
      return null;
    }
  })();

  const report = {
    startedAt: startedAt.toISOString(),
    gitCommit,
    environment: {
      node: process.version,
      postgres: pgVersion,
      cpus: availableParallelism(),
      platform: `${process.platform}-${process.arch}`,
    },
    parameters: { users: USERS, activeUsers, seed: SEED, anchor: anchor.toISOString(), slot: slot.toISOString(), loopSample: LOOP_SAMPLE },
    seed: { ms: seeded.ms, rows: seeded.rows },
    notes: [
      "wallMs: a full sweep over every active user. engine: POST /admin/tasks/:name/run until GET /admin/runs/:id showed success (polled every 50 ms), through wrangler dev (workerd, local Queues and D1).",
      "engine is the second (warm) run and the one the ratios use; engineCold is the first run after the worker started. Notifications are cleared before every sweep, so each does the same inserting work.",
      "lowerBound: the task's page statement once over the whole id space, no page limit, from Node through the same SQL-over-HTTP endpoint.",
      "perUserLoop: the Celery pattern, one statement per user sequentially, plus one query for the id list; when `sample` is present its wallMs and sqlRoundTrips are extrapolated linearly from the sample.",
      "run.queuedMs: run created → first page started; it includes the pam-tasks consumer's max_batch_timeout (wrangler.toml), which the local queue honours as production does. run.durationMs: first page started → last page recorded.",
      "sqlRoundTrips count HTTP requests to the SQL endpoint (Postgres), not D1 or queue operations.",
      ...checks,
    ],
    tasks: results.map((t) => ({
      task: t.task,
      ratios: {
        ...ratios(t),
        // Without the queue's batch wait: first page started → last page recorded, over the same lower bound.
        engineRunningVsLowerBound: engineRunningRatio(t),
      },
      variants: t.variants.map((v) => ({
        ...v,
        wallMs: Math.round(v.wallMs * 10) / 10,
        usersPerSecond: Math.round(usersPerSecond(v)),
        sqlRoundTripsPer1000Users: Math.round(roundTripsPer1000Users(v) * 100) / 100,
        extrapolated: Boolean(v.sample),
      })),
    })),
  };
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    svgPath,
    renderChart(results, {
      title: `PAM Edge benchmark: ${fmtInt(USERS)} users (${fmtInt(activeUsers)} active), seed ${SEED}`,
      subtitle: `${startedAt.toISOString().slice(0, 16)}Z · PostgreSQL ${pgVersion} · Node ${process.version}${gitCommit ? ` · ${gitCommit}` : ""}`,
    }),
  );

  for (const t of results) {
    console.log(`\n\x1b[1m${t.task}\x1b[0m — ${fmtInt(USERS)} users seeded, ${fmtInt(activeUsers)} active`);
    const lower = t.variants.find((v) => v.key === "lowerBound")!;
    const rows = t.variants.map((v) => [
      VARIANT_LABELS[v.key] + (v.sample ? " *" : ""),
      formatMs(v.wallMs),
      fmtInt(usersPerSecond(v)),
      fmtInt(v.sqlRoundTrips),
      roundTripsPer1000Users(v).toFixed(2),
      fmtInt(v.notifications),
      formatRatio(v.wallMs / lower.wallMs),
      v.run?.queuedMs == null ? "" : formatMs(v.run.queuedMs),
    ]);
    printTable(
      ["variant", "wall time", "users/s", "SQL RT", "RT/1k users", "notifications", "× lower bound", "queued"],
      rows,
    );
    const r = ratios(t);
    console.log(
      `  engine / lower bound = ${formatRatio(r.engineVsLowerBound)} (cold run: ${formatRatio(r.engineColdVsLowerBound ?? Number.NaN)})` +
        `   per-user loop / engine = ${formatRatio(r.loopVsEngine)}`,
    );
    console.log(
      `  engine running time (queue wait excluded) / lower bound = ${formatRatio(engineRunningRatio(t) ?? Number.NaN)}`,
    );
    console.log("  queued: run created → first page started (includes the queue consumer's batch timeout)");
    const loop = t.variants.find((v) => v.key === "perUserLoop")!;
    if (loop.sample) {
      console.log(
        `  * extrapolated: ${fmtInt(loop.sample.users)} users timed (${formatMs(loop.sample.wallMs)}), scaled linearly to ${fmtInt(loop.users)}; its notifications are the sample's`,
      );
    }
  }
  for (const c of checks) console.log(`  ✓ ${c}`);
  console.log(`\nwrote ${jsonPath}\n      ${svgPath}`);
}

function engineRunningRatio(t: TaskBench): number | null {
  const engine = t.variants.find((v) => v.key === "engine");
  const lower = t.variants.find((v) => v.key === "lowerBound");
  return engine?.run?.durationMs != null && lower ? engine.run.durationMs / lower.wallMs : null;
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // First column left-aligned, figures right-aligned.
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")}`;
  console.log(line(head));
  console.log(`  ${widths.map((w) => "─".repeat(w)).join("  ")}`);
  for (const r of rows) console.log(line(r));
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  // After SIGINT the work in flight fails as its endpoint goes away: that is no news.
  if (!interrupted) console.error(`\x1b[31mbench failed:\x1b[0m ${(err as Error).stack ?? err}`);
  exitCode = interrupted ? 130 : 1;
} finally {
  await cleanup();
}
// Drivers and pools may keep handles open; the bench is done.
process.exit(exitCode);
