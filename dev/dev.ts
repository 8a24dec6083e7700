/**
 * `npm run dev [-- --clock] [--users N]`: the whole stack on one machine.
 *
 * 1. the Neon-compatible SQL endpoint (PGlite in .data/, or DATABASE_URL) on 127.0.0.1:4444,
 * 2. Postgres migrations, a demo fleet when the database is empty, D1 migrations (local),
 * 3. `wrangler dev --test-scheduled` on 127.0.0.1:8787 (local D1, KV and Queues),
 * 4. with --clock, the heartbeat fired at the top of every real minute, as Cron Triggers would.
 * Ctrl-C stops everything; the next start reuses the data.
 */
import { copyFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PGLITE_DIR, endpointAnswers, endpointUrl, localNeon, migratePostgres } from "./lib/database.ts";
import { superviseSqlEndpoint } from "./lib/supervise.ts";
import { fireHeartbeat, ROOT, runWrangler, spawnWrangler } from "./lib/wrangler.ts";
import { isDatabaseEmpty, seedFleet } from "./seed/write.ts";

const { values: args } = parseArgs({
  options: {
    clock: { type: "boolean", default: false },
    users: { type: "string", default: "500" },
    port: { type: "string", default: process.env.PORT ?? "8787" },
    "sql-port": { type: "string", default: process.env.NEON_PORT ?? "4444" },
  },
});

const workerUrl = `http://127.0.0.1:${args.port}`;
const sqlPort = Number(args["sql-port"]);
const step = (msg: string) => console.log(`\x1b[36m▸\x1b[0m ${msg}`);

if (!existsSync(resolve(ROOT, ".dev.vars"))) {
  copyFileSync(resolve(ROOT, ".dev.vars.example"), resolve(ROOT, ".dev.vars"));
  step("created .dev.vars from .dev.vars.example");
}

if (await endpointAnswers(endpointUrl(sqlPort))) {
  console.error(`Port ${sqlPort} already serves a SQL endpoint: is another \`npm run dev\` running? Stop it first.`);
  process.exit(1);
}

const backendName = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite (${DEFAULT_PGLITE_DIR})`;
step(`starting the SQL-over-HTTP endpoint on ${backendName}`);
const sqlEndpoint = await superviseSqlEndpoint(sqlPort);
const applied = await migratePostgres(sqlEndpoint.endpoint);
step(`Postgres migrations: ${applied} applied`);

const sql = localNeon(sqlEndpoint.endpoint);
const run = (text: string, params: unknown[] = []) => sql.query(text, params);
if (await isDatabaseEmpty(run)) {
  const users = Number(args.users);
  step(`seeding a demo fleet of ${users} users`);
  await seedFleet(run, { users, seed: 42, anchor: new Date() });
}

step("applying D1 migrations (local)");
await runWrangler(["d1", "migrations", "apply", "DB", "--local"], { stdio: ["ignore", "ignore", "inherit"] });

step(`starting wrangler dev on ${workerUrl}`);
const wrangler = spawnWrangler(
  [
    "dev",
    "--test-scheduled",
    "--ip",
    "127.0.0.1",
    "--port",
    args.port,
    "--var",
    `NEON_HTTP_ENDPOINT:${sqlEndpoint.endpoint}`,
    "--show-interactive-dev-session=false",
  ],
  { stdio: ["ignore", "inherit", "inherit"], detached: false },
);

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  clearInterval(clockTimer);
  wrangler.kill("SIGTERM");
  await sqlEndpoint.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
wrangler.on("exit", (code) => {
  if (!stopping) {
    console.error(`wrangler dev exited (${code}); stopping.`);
    void stop(code ?? 1);
  }
});

// Wait until the worker answers before printing the ready banner.
for (let i = 0; i < 120; i++) {
  try {
    const res = await fetch(`${workerUrl}/health`);
    if (res.status === 200 || res.status === 503) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}

let clockTimer: ReturnType<typeof setInterval> | undefined;
if (args.clock) {
  // Align to the minute boundary; each tick passes the slot time, as Cron Triggers do.
  const tick = async () => {
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const res = await fireHeartbeat(workerUrl, slot).catch((e: Error) => e);
    if (res instanceof Error || !res.ok) console.error(`heartbeat ${slot.toISOString()} failed`);
  };
  setTimeout(
    () => {
      void tick();
      clockTimer = setInterval(tick, 60_000);
    },
    60_000 - (Date.now() % 60_000),
  );
}

const adminToken = process.env.ADMIN_TOKEN ?? "dev-admin-token";
console.log(`
\x1b[32mPAM Edge is running\x1b[0m
  worker        ${workerUrl}
  health        curl ${workerUrl}/health
  admin token   ${adminToken}   (curl -H 'Authorization: Bearer ${adminToken}' ${workerUrl}/admin/tasks)
  SQL endpoint  ${sqlEndpoint.endpoint}   (${backendName})
  heartbeat     ${args.clock ? "every minute (--clock)" : "manual: npm run cron  (or --clock to fire it every minute)"}
  trigger now   curl '${workerUrl}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${Date.now()}'
  time travel   npm run cron -- --at 2026-01-15T02:41:00Z
Ctrl-C stops everything.
`);
