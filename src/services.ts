/**
 * Services handed to every handler (HTTP, cron, queue) instead of imported singletons, so
 * tests and handlers share one construction path. Built per invocation: the SQL meter then
 * counts exactly that invocation's round trips.
 */
import { createPgClient, type PgClient, type SqlMeter } from "./db/client.ts";
import { type AppEnv, type Config, loadConfig } from "./env.ts";
import { createLogger, type Logger } from "./log.ts";

export interface Services {
  env: AppEnv;
  config: Config;
  log: Logger;
  /** Postgres through Neon's HTTP driver, created on first use. */
  pg(): PgClient;
  /** A separate client whose round trips are counted on `meter` (e.g. one page of a task). */
  meteredPg(meter: SqlMeter): PgClient;
}

export function createServices(env: AppEnv): Services {
  const config = loadConfig(env);
  let pg: PgClient | undefined;
  const connect = (meter?: SqlMeter) =>
    createPgClient({ databaseUrl: config.DATABASE_URL, neonHttpEndpoint: config.NEON_HTTP_ENDPOINT, meter });
  return {
    env,
    config,
    log: createLogger(config.LOG_LEVEL),
    pg() {
      pg ??= connect();
      return pg;
    },
    meteredPg: connect,
  };
}
