/**
 * What the SQL-over-HTTP server needs from a database: run one statement, or an atomic batch,
 * and hand back Postgres's text output untouched. Two implementations: embedded PGlite
 * (zero install, the default) and a real Postgres reached with node-postgres.
 *
 * Contract shared by both (Neon's SQL-over-HTTP semantics, see server.ts):
 * - extended protocol, text parameters of unspecified type: one statement per query
 *   (`select 1; select 2` fails with 42601);
 * - values stay Postgres text (NULL → null); `dataTypeID` is the real type OID;
 * - session TimeZone UTC, DateStyle ISO; no session state survives a request;
 * - a batch runs in one transaction and any error rolls it all back.
 */
import { openPgliteBackend } from "./pglite.ts";
import { openPostgresBackend } from "./postgres.ts";

export interface Field {
  name: string;
  dataTypeID: number;
  tableID: number;
  columnID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: "text";
}

export interface QueryResult {
  fields: Field[];
  rows: (string | null)[][];
  /** First word of the command tag ("SELECT", "INSERT", "CREATE"); "" when there is none. */
  command: string;
  /** Last number of the command tag, null when it has none (DDL). */
  rowCount: number | null;
}

export interface Query {
  text: string;
  params: (string | null)[];
}

export type IsolationLevel = "ReadUncommitted" | "ReadCommitted" | "RepeatableRead" | "Serializable";

export interface BatchOptions {
  isolation?: IsolationLevel;
  readOnly?: boolean;
  deferrable?: boolean;
}

export interface SqlBackend {
  readonly kind: "pglite" | "postgres";
  query(text: string, params: (string | null)[]): Promise<QueryResult>;
  batch(queries: Query[], options: BatchOptions): Promise<QueryResult[]>;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** A real Postgres; when absent, embedded PGlite. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; in memory when absent. */
  dataDir?: string | null;
}

export async function openBackend(options: BackendOptions = {}): Promise<SqlBackend> {
  if (options.databaseUrl) return openPostgresBackend(options.databaseUrl);
  return openPgliteBackend(options.dataDir ?? undefined);
}

const ISOLATION_SQL: Record<IsolationLevel, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

/** Transaction modes for `BEGIN …` / `SET TRANSACTION …`, e.g. "ISOLATION LEVEL SERIALIZABLE READ ONLY". */
export function transactionModes(options: BatchOptions): string {
  const modes: string[] = [];
  if (options.isolation) modes.push(`ISOLATION LEVEL ${ISOLATION_SQL[options.isolation]}`);
  if (options.readOnly) modes.push("READ ONLY");
  if (options.deferrable) modes.push("DEFERRABLE");
  return modes.join(" ");
}

export function isIsolationLevel(value: string): value is IsolationLevel {
  return Object.hasOwn(ISOLATION_SQL, value);
}
