/**
 * `npm run db:seed -- --users N [--seed S] [--anchor YYYY-MM-DD|ISO-8601|now] [--chunk-size C]`
 *
 * Seeds a deterministic synthetic fleet (see fleet.ts for the engineered cases) into the dev
 * database (DATABASE_URL or the local PGlite, through the local SQL-over-HTTP endpoint).
 * Refuses a database that already has users: ids are deterministic, a second seed would collide.
 */
import { parseArgs } from "node:util";
import { withDevSql } from "../lib/database.ts";
import { isDatabaseEmpty, seedFleet } from "./write.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "1000" },
    seed: { type: "string", default: "42" },
    // Default: today (midnight UTC). The data is relative to its anchor, and month-to-date
    // budgets, upcoming trips and recent fill-ups only mean something if the anchor is current;
    // a date rather than the current instant keeps re-runs on the same day identical.
    // `--anchor now` anchors on this very instant (reminders due within 2 h are then real).
    anchor: { type: "string", default: new Date().toISOString().slice(0, 10) },
    "chunk-size": { type: "string", default: "1000" },
  },
});

function positiveInt(name: string, raw: string): number {
  const n = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const users = positiveInt("users", values.users);
const seed = positiveInt("seed", values.seed);
const chunkSize = Math.max(1, positiveInt("chunk-size", values["chunk-size"]));
const anchor = values.anchor === "now" ? new Date() : new Date(values.anchor);
if (!/^\d{4}-\d{2}-\d{2}/.test(values.anchor) && values.anchor !== "now") {
  console.error(`--anchor must be YYYY-MM-DD, an ISO-8601 instant or "now", got "${values.anchor}"`);
  process.exit(2);
}
if (Number.isNaN(anchor.getTime())) {
  console.error(`--anchor is not a valid date: "${values.anchor}"`);
  process.exit(2);
}

const fmt = (n: number) => n.toLocaleString("en-US");
const BAR = 30;
function progress(done: number, total: number): void {
  const f = total === 0 ? 1 : done / total;
  const filled = Math.round(f * BAR);
  process.stderr.write(
    `\r[${"#".repeat(filled)}${" ".repeat(BAR - filled)}] ${String(Math.floor(f * 100)).padStart(3)}% ${fmt(done)}/${fmt(total)} users`,
  );
}

const started = performance.now();
const result = await withDevSql(async (sql) => {
  const empty = await isDatabaseEmpty(sql).catch((err: { code?: string }) => {
    if (err?.code === "42P01") {
      console.error("The database has no PAM tables yet: run `npm run db:migrate` first.");
      process.exit(1);
    }
    throw err;
  });
  if (!empty) return null;
  console.error(`Seeding ${fmt(users)} users (seed ${seed}, anchor ${anchor.toISOString()})`);
  return seedFleet(sql, { users, seed, anchor, chunkSize, onProgress: progress });
});
if (!result) {
  console.error("The database already has profiles; seed only into an empty database (drop it and migrate first).");
  process.exit(1);
}
process.stderr.write("\n");

const width = Math.max(...Object.keys(result.rows).map((t) => t.length));
let total = 0;
for (const [table, count] of Object.entries(result.rows)) {
  total += count;
  console.log(`  ${table.padEnd(width)}  ${fmt(count).padStart(12)}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`Seeded ${fmt(users)} users, ${fmt(total)} rows in ${seconds.toFixed(1)} s`);
