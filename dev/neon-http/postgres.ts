/**
 * A real Postgres behind the SqlBackend contract, through a node-postgres pool.
 *
 * Each request checks out its own connection and ends with `DISCARD ALL` (which resets settings
 * to the connection's startup values: TimeZone UTC, DateStyle ISO). When that fails — a lone
 * `BEGIN` left a transaction open, or the connection broke — the connection is destroyed
 * instead of returned, as Neon's proxy does with a connection that is not idle.
 */
import pg from "pg";
import { type BatchOptions, type Query, type QueryResult, type SqlBackend, transactionModes } from "./backend.ts";

// Keep Postgres's text output: the client parses it by type OID.
const TEXT_TYPES: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

export async function openPostgresBackend(databaseUrl: string): Promise<SqlBackend> {
  const pool = new pg.Pool({ connectionString: databaseUrl, options: "-c TimeZone=UTC -c DateStyle=ISO" });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  // Fail at startup, not on the first request, when the database is unreachable.
  await pool.query("SELECT 1");

  const withConnection = async <T>(job: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await job(client);
    } finally {
      let reusable = true;
      try {
        await client.query("DISCARD ALL");
      } catch {
        reusable = false;
      }
      client.release(!reusable);
    }
  };

  return {
    kind: "postgres",
    query: (text, params) => withConnection((client) => runExtended(client, { text, params })),
    batch: (queries: Query[], options: BatchOptions) =>
      withConnection(async (client) => {
        await client.query(`BEGIN ${transactionModes(options)}`);
        try {
          const results: QueryResult[] = [];
          for (const q of queries) results.push(await runExtended(client, q));
          await client.query("COMMIT");
          return results;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        }
      }),
    close: () => pool.end(),
  };
}

/**
 * One statement through parse/bind/execute. node-postgres sends a query without parameters
 * (even with `values: []`) as a simple Query message, which would run `select 1; select 2`;
 * `queryMode: "extended"` (not in @types/pg) forces the extended protocol, as Neon uses.
 */
async function runExtended(client: pg.PoolClient, query: Query): Promise<QueryResult> {
  const config: pg.QueryArrayConfig & { queryMode: "extended" } = {
    text: query.text,
    values: query.params,
    rowMode: "array",
    types: TEXT_TYPES,
    queryMode: "extended",
  };
  const result = await client.query(config);
  return {
    fields: result.fields.map((f) => ({
      name: f.name,
      dataTypeID: f.dataTypeID,
      tableID: f.tableID,
      columnID: f.columnID,
      dataTypeSize: f.dataTypeSize,
      dataTypeModifier: f.dataTypeModifier,
      format: "text",
    })),
    rows: result.rows as (string | null)[][],
    command: result.command ?? "",
    rowCount: result.rowCount ?? null,
  };
}
