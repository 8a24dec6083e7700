/**
 * `npm run db:migrate`: applies Postgres migrations (drizzle/pg) through the SQL endpoint and
 * D1 migrations (drizzle/d1) to the local D1 that `wrangler dev` uses.
 * `--remote` applies the D1 migrations to the Cloudflare D1 database instead.
 */
import { parseArgs } from "node:util";
import { migratePostgres, withDevSql } from "./lib/database.ts";
import { runWrangler } from "./lib/wrangler.ts";

const { values } = parseArgs({ options: { remote: { type: "boolean", default: false } } });

const applied = await withDevSql((_sql, endpoint) => migratePostgres(endpoint));
console.log(`Postgres: ${applied} migration(s) applied`);
await runWrangler(["d1", "migrations", "apply", "DB", values.remote ? "--remote" : "--local"]);
