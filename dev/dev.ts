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
import { devAdminToken } from "./lib/dev-vars.ts";
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
let clockTimer: ReturnType<typeof setTimeout> | undefined;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  clearTimeout(clockTimer);
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
let ready = false;
for (let i = 0; i < 120 && !ready; i++) {
  try {
    const res = await fetch(`${workerUrl}/health`);
    ready = res.status === 200 || res.status === 503;
  } catch {}
  if (!ready) await new Promise((r) => setTimeout(r, 500));
}
if (!ready) {
  console.error(`wrangler dev did not answer on ${workerUrl} within 60 s; stopping.`);
  await stop(1);
}

if (args.clock) {
  // Fire at each minute boundary with that minute as the slot, as Cron Triggers do.
  const tick = async () => {
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const res = await fireHeartbeat(workerUrl, slot).catch((e: Error) => e);
    if (res instanceof Error || !res.ok) console.error(`heartbeat ${slot.toISOString()} failed`);
  };
  const schedule = () => {
    clockTimer = setTimeout(
      () => {
        void tick();
        schedule();
      },
      60_000 - (Date.now() % 60_000),
    );
  };
  schedule();
}

const adminToken = devAdminToken();
console.log(`
\x1b[32mPAM Edge is running\x1b[0m
  worker        ${workerUrl}
  health        curl ${workerUrl}/health
  admin token   ${adminToken}   (curl -H 'Authorization: Bearer ${adminToken}' ${workerUrl}/admin/tasks)
  SQL endpoint  ${sqlEndpoint.endpoint}   (${backendName})
  heartbeat     ${args.clock ? "every minute (--clock)" : "manual: npm run cron  (or --clock to fire it every minute)"}
  trigger now   curl '${workerUrl}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*'
  time travel   npm run cron -- --at ${new Date(Date.now() + 3_600_000).toISOString().slice(0, 16)}Z   (or --task fuel-monitoring)
Ctrl-C stops everything.
`);
