/**
 * Embedded PGlite (Postgres compiled to WASM) behind the SqlBackend contract.
 *
 * PGlite is one connection, so requests are serialized here: a request and the session reset
 * after it must not interleave with another request. PGlite defaults to TimeZone UTC and
 * DateStyle ISO; `DISCARD ALL` after every request puts the session back to those defaults.
 * Isolation levels are accepted but have no effect (one connection, nothing runs concurrently);
 * READ ONLY is enforced.
 */
import { PGlite, type QueryOptions, type Results } from "@electric-sql/pglite";
import { type BatchOptions, type Field, type Query, type QueryResult, type SqlBackend, transactionModes } from "./backend.ts";

export async function openPgliteBackend(dataDir?: string): Promise<SqlBackend> {
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  const options = textOnlyOptions(db);

  // A promise chain as a queue: each job starts when the previous one settled.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };

  // Drops whatever the request left behind: SET, temp tables, prepared statements and, when a
  // lone `BEGIN` left a transaction open (DISCARD ALL then fails), that transaction.
  const resetSession = async () => {
    try {
      await db.exec("DISCARD ALL");
    } catch {
      await db.exec("ROLLBACK");
      await db.exec("DISCARD ALL");
    }
  };
  const request = <T>(job: () => Promise<T>): Promise<T> =>
    exclusive(async () => {
      try {
        return await job();
      } finally {
        await resetSession();
      }
    });

  return {
    kind: "pglite",
    query: (text, params) => request(async () => toQueryResult(await db.query(text, params, options))),
    batch: (queries: Query[], batchOptions: BatchOptions) =>
      request(() =>
        // transaction() runs BEGIN … COMMIT and rolls back when the callback throws.
        db.transaction(async (tx) => {
          const modes = transactionModes(batchOptions);
          if (modes) await tx.exec(`SET TRANSACTION ${modes}`);
          const results: QueryResult[] = [];
          for (const q of queries) results.push(toQueryResult(await tx.query(q.text, q.params, options)));
          return results;
        }),
      ),
    close: () => exclusive(() => db.close()),
  };
}

/**
 * Identity parsers and serializers for every type PGlite knows (built-ins and their arrays):
 * its defaults turn int8 into numbers, dates into Date, bytea into Uint8Array, and reject the
 * driver's `\x…` bytea text. With these, parameters go to Postgres as text of unspecified type
 * and results come back as Postgres wrote them.
 */
function textOnlyOptions(db: PGlite): QueryOptions {
  const identity = (value: string) => value;
  const allIdentity = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, identity]));
  return {
    rowMode: "array",
    parsers: allIdentity(Object.keys(db.parsers)),
    serializers: allIdentity(Object.keys(db.serializers)),
  };
}

// PGlite reports only name and type OID; the rest is filled as Postgres does for computed columns.
function toQueryResult(result: Results): QueryResult {
  const fields: Field[] = result.fields.map((f) => ({
    name: f.name,
    dataTypeID: f.dataTypeID,
    tableID: 0,
    columnID: 0,
    dataTypeSize: -1,
    dataTypeModifier: -1,
    format: "text",
  }));
  return {
    fields,
    rows: result.rows as (string | null)[][],
    command: result.command ?? "",
    rowCount: result.rowCount ?? null,
  };
}
