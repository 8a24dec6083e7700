/**
 * The one way to reach Postgres: drizzle `neon-http` over Neon's `neon()` driver.
 *
 * Every client carries an `SqlMeter`: each HTTP round trip to Neon (a query or an atomic batch)
 * is counted and timed, so runs can report their SQL cost. Round trips, not rows, set the cost
 * of work at the edge. Locally `NEON_HTTP_ENDPOINT` points the driver at dev/neon-http.
 */
import { neon, neonConfig } from "@neondatabase/serverless";
import { drizzle, type NeonHttpDatabase } from "drizzle-orm/neon-http";
import * as schema from "./pg/schema.ts";

export type PgDatabase = NeonHttpDatabase<typeof schema>;

export class SqlMeter {
  roundTrips = 0;
  totalMs = 0;
  record(ms: number): void {
    this.roundTrips += 1;
    this.totalMs += ms;
  }
  snapshot(): { roundTrips: number; totalMs: number } {
    return { roundTrips: this.roundTrips, totalMs: Math.round(this.totalMs) };
  }
}

// neon() takes per-client `fetchOptions` and spreads them into fetch's init, but the fetch
// function itself is global. The meter travels in the init under a private key and is
// taken out again before the real fetch.
const METER = "__pamSqlMeter";

neonConfig.fetchFunction = async (url: string, init: RequestInit & { [METER]?: SqlMeter }) => {
  const { [METER]: meter, ...rest } = init;
  const started = performance.now();
  try {
    return await fetch(url, rest);
  } finally {
    meter?.record(performance.now() - started);
  }
};

export interface PgClientOptions {
  databaseUrl: string;
  /** Local SQL-over-HTTP endpoint; undefined in production. */
  neonHttpEndpoint?: string;
  meter?: SqlMeter;
}

export interface PgClient {
  db: PgDatabase;
  meter: SqlMeter;
}

export function createPgClient(options: PgClientOptions): PgClient {
  // Global in the driver, constant per deployment: set only when running against the local endpoint.
  if (options.neonHttpEndpoint) neonConfig.fetchEndpoint = options.neonHttpEndpoint;
  const meter = options.meter ?? new SqlMeter();
  const sql = neon(options.databaseUrl, { fetchOptions: { [METER]: meter } });
  return { db: drizzle({ client: sql, schema }), meter };
}
