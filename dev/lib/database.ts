/**
 * Local Postgres for dev tooling and tests, always reached the way production reaches Neon:
 * the `neon()` driver over SQL-over-HTTP, here served by dev/neon-http.
 *
 * Backend: a real Postgres when DATABASE_URL is set, otherwise embedded PGlite kept in `.data/`.
 * PGlite allows one process per data directory, so tools first look for a running endpoint
 * (npm run dev) and only start their own when none answers.
 */
import { neon, neonConfig, type NeonQueryFunction } from "@neondatabase/serverless";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { openBackend } from "../neon-http/backend.ts";
import { startNeonHttpServer } from "../neon-http/server.ts";

export const DEFAULT_ENDPOINT_PORT = 4444;
export const DEFAULT_PGLITE_DIR = ".data/pglite";
/** The driver needs a syntactically valid URL; the local endpoint decides where it connects. */
export const LOCAL_CONNECTION_STRING = "postgres://pam:pam@local-neon/pam";

export type Sql = (text: string, params?: unknown[]) => Promise<unknown>;

export function endpointUrl(port: number): string {
  return `http://127.0.0.1:${port}/sql`;
}

/** A `neon()` query function aimed at a local endpoint. */
export function localNeon(endpoint: string): NeonQueryFunction<false, false> {
  neonConfig.fetchEndpoint = endpoint;
  return neon(LOCAL_CONNECTION_STRING);
}

export async function endpointAnswers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(endpoint.replace(/\/sql$/, "/_dev/health"), { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

export interface LocalEndpoint {
  endpoint: string;
  port: number;
  close(): Promise<void>;
  setFaults(f: { failRate?: number; delayMs?: number; failPhase?: "before" | "after" | "either" }): void;
}

/** Starts an endpoint in this process on DATABASE_URL or PGlite (`dataDir`, in-memory when null). */
export async function startLocalEndpoint(opts: {
  databaseUrl?: string;
  dataDir?: string | null;
  port?: number;
}): Promise<LocalEndpoint> {
  const backend = await openBackend({
    databaseUrl: opts.databaseUrl,
    dataDir: opts.databaseUrl ? undefined : (opts.dataDir ?? undefined),
  });
  const server = await startNeonHttpServer({ backend, port: opts.port ?? 0 });
  return {
    endpoint: server.url,
    port: server.port,
    setFaults: (f) => server.setFaults(f),
    async close() {
      await server.close();
      await backend.close();
    },
  };
}

/**
 * Runs `fn` with SQL against the dev database: the running endpoint (NEON_HTTP_ENDPOINT or
 * the default port) when one answers, otherwise one started for the duration of the call.
 */
export async function withDevSql<T>(fn: (sql: Sql, endpoint: string) => Promise<T>): Promise<T> {
  const running = process.env.NEON_HTTP_ENDPOINT ?? endpointUrl(DEFAULT_ENDPOINT_PORT);
  if (await endpointAnswers(running)) {
    const sql = localNeon(running);
    return fn((text, params = []) => sql.query(text, params), running);
  }
  const local = await startLocalEndpoint({ databaseUrl: process.env.DATABASE_URL, dataDir: DEFAULT_PGLITE_DIR });
  try {
    const sql = localNeon(local.endpoint);
    return await fn((text, params = []) => sql.query(text, params), local.endpoint);
  } finally {
    await local.close();
  }
}

/**
 * Applies drizzle-kit migrations from `folder`. Compatible with drizzle's own migrator (same
 * `drizzle.__drizzle_migrations` journal), but each migration file is one atomic batch, so a
 * failing migration leaves nothing half-applied. Returns the number of migrations applied.
 */
export async function migratePostgres(endpoint: string, folder = "drizzle/pg"): Promise<number> {
  const sql = localNeon(endpoint);
  await sql.query("create schema if not exists drizzle");
  await sql.query(
    "create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)",
  );
  const applied = (await sql.query("select hash from drizzle.__drizzle_migrations")) as { hash: string }[];
  const done = new Set(applied.map((r) => r.hash));
  let count = 0;
  for (const migration of readMigrationFiles({ migrationsFolder: folder })) {
    if (done.has(migration.hash)) continue;
    const statements = migration.sql.map((s) => s.trim()).filter(Boolean);
    await sql.transaction((tx) => [
      ...statements.map((s) => tx.query(s)),
      tx.query("insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)", [
        migration.hash,
        migration.folderMillis,
      ]),
    ]);
    count++;
  }
  return count;
}
