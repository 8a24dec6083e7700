/**
 * Contract of the local Neon SQL-over-HTTP endpoint (dev/neon-http), driven by the real
 * driver — `neon()` from @neondatabase/serverless and drizzle `neon-http` — plus raw HTTP where
 * the wire itself is the contract (status codes, error JSON, type OIDs).
 *
 * Runs on embedded PGlite always, and on the Postgres named by DATABASE_URL when set (in a
 * scratch database created for the run and dropped after it).
 */
import { NeonDbError, type NeonQueryFunction, neon, neonConfig } from "@neondatabase/serverless";
import { DrizzleQueryError, eq, like } from "drizzle-orm";
import { drizzle, type NeonHttpDatabase } from "drizzle-orm/neon-http";
import {
  bigint,
  bigserial,
  boolean,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBackend, type SqlBackend } from "../../dev/neon-http/backend.ts";
import { type NeonHttpServer, startNeonHttpServer } from "../../dev/neon-http/server.ts";

// The host is free text: the server decides where queries run.
const CONNECTION_STRING = "postgres://pam:pam@local-neon/pam";
const DRIVER_HEADERS = {
  "Neon-Connection-String": CONNECTION_STRING,
  "Neon-Raw-Text-Output": "true",
  "Neon-Array-Mode": "true",
};
const ERROR_KEYS = [
  "message",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "severity",
  "where",
  "table",
  "column",
  "schema",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
];

const items = pgTable("items", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  name: text("name").notNull().unique(),
  qty: integer("qty").notNull().default(0),
});

const samples = pgTable("samples", {
  id: serial("id").primaryKey(),
  big: bigint("big", { mode: "bigint" }),
  amount: numeric("amount"),
  doc: jsonb("doc"),
  at: timestamp("at", { withTimezone: true, mode: "date" }),
  day: date("day", { mode: "string" }),
  tags: text("tags").array(),
  flag: boolean("flag"),
  uid: uuid("uid"),
});

interface Target {
  name: "pglite" | "postgres";
  open(): Promise<{ backend: SqlBackend; drop(): Promise<void> }>;
}

const targets: Target[] = [
  { name: "pglite", open: async () => ({ backend: await openBackend({}), drop: async () => undefined }) },
];
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) targets.push({ name: "postgres", open: () => openScratchPostgres(databaseUrl) });

/** A database of its own for the run, so the suite never touches other data. */
async function openScratchPostgres(url: string) {
  const name = `neon_http_contract_${process.pid}_${Date.now()}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    backend: await openBackend({ databaseUrl: scratch.toString() }),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** An answer on the wire, loosely typed for assertions. */
interface WireBody {
  fields: { name: string; dataTypeID: number }[];
  rows: unknown[];
  rowAsArray: boolean;
  code: string;
  [key: string]: unknown;
}

async function wire(res: Response): Promise<WireBody> {
  return (await res.json()) as WireBody;
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("expected the call to fail");
}

describe.each(targets)("local Neon endpoint on $name", (target) => {
  let backend: SqlBackend;
  let drop: () => Promise<void>;
  let server: NeonHttpServer;
  let sql: NeonQueryFunction<false, false>;
  let db: NeonHttpDatabase;

  const post = (body: unknown, headers: Record<string, string> = DRIVER_HEADERS) =>
    fetch(server.url, { method: "POST", body: JSON.stringify(body), headers });
  const countItems = async (name: string) => {
    const rows = await sql`select count(*)::int as n from items where name = ${name}`;
    return rows[0]?.n;
  };

  beforeAll(async () => {
    ({ backend, drop } = await target.open());
    server = await startNeonHttpServer({ backend });
    // Global in the driver; the describe blocks run one after the other.
    neonConfig.fetchEndpoint = server.url;
    sql = neon(CONNECTION_STRING);
    db = drizzle({ client: sql });
    await sql`create table items (id bigserial primary key, name text not null unique, qty integer not null default 0)`;
    await sql`create table samples (id serial primary key, big int8, amount numeric(12,4), doc jsonb,
      at timestamptz, day date, tags text[], flag bool, uid uuid)`;
  });

  afterAll(async () => {
    await server?.close();
    await backend?.close();
    await drop?.();
  });

  afterEach(() => server.setFaults({ failRate: 0, failPhase: "either", delayMs: 0, delayJitterMs: 0 }));

  describe("queries", () => {
    it("selects through neon(), values parsed by their type", async () => {
      const rows = await sql`select ${41}::int + 1 as n, ${"x"} as s, null::text as nothing`;
      expect(rows).toEqual([{ n: 42, s: "x", nothing: null }]);
    });

    it("inserts with returning through drizzle", async () => {
      const rows = await db
        .insert(items)
        .values([{ name: "ret-a", qty: 1 }, { name: "ret-b" }])
        .returning();
      expect(rows.map(({ name, qty }) => ({ name, qty }))).toEqual([
        { name: "ret-a", qty: 1 },
        { name: "ret-b", qty: 0 },
      ]);
      expect(typeof rows[0]?.id).toBe("number");
    });

    it("reports rowCount for an update without returning", async () => {
      await db.insert(items).values([{ name: "upd-1" }, { name: "upd-2" }, { name: "upd-3" }]);
      const result = await db.update(items).set({ qty: 5 }).where(like(items.name, "upd-%"));
      expect(result.rowCount).toBe(3);

      const raw = await post({ query: "delete from items where name like $1", params: ["upd-%"] });
      expect(raw.status).toBe(200);
      expect(await wire(raw)).toMatchObject({ command: "DELETE", rowCount: 3, rows: [], fields: [] });
    });

    it("answers a statement without a row count with rowCount null", async () => {
      const raw = await post({ query: "create temp table t_ddl (x int)", params: [] });
      expect(await wire(raw)).toEqual({ fields: [], rows: [], command: "CREATE", rowCount: null, rowAsArray: true });
    });

    it("rejects more than one statement per query with 42601, as Neon does", async () => {
      const error = await rejection(sql.query("select 1; select 2"));
      expect(error).toBeInstanceOf(NeonDbError);
      expect(error.code).toBe("42601");

      const inBatch = await rejection(sql.transaction([sql`select 1`, sql.query("select 1; select 2")]));
      expect(inBatch.code).toBe("42601");
    });

    it("serves concurrent callers, single queries and batches alike", async () => {
      const singles = Array.from({ length: 20 }, (_, i) => sql`select ${i}::int as i`);
      const batches = Array.from({ length: 5 }, (_, i) =>
        sql.transaction([sql`insert into items (name) values (${`conc-${i}`})`, sql`select ${i}::int as i`]),
      );
      const [singleRows, batchResults] = await Promise.all([Promise.all(singles), Promise.all(batches)]);
      expect(singleRows.map((rows) => rows[0]?.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(batchResults.map((results) => results[1]?.[0]?.i)).toEqual([0, 1, 2, 3, 4]);
    });
  });

  describe("batches", () => {
    it("commits a successful batch and returns every result", async () => {
      const [inserted, counted] = await db.batch([
        db.insert(items).values({ name: "batch-ok-1" }).returning({ name: items.name }),
        db.select({ name: items.name }).from(items).where(like(items.name, "batch-ok-%")),
      ]);
      expect(inserted).toEqual([{ name: "batch-ok-1" }]);
      // The second statement sees the first: one transaction.
      expect(counted).toEqual([{ name: "batch-ok-1" }]);
      expect(await countItems("batch-ok-1")).toBe(1);
    });

    it("is atomic: when a later statement fails, earlier ones are rolled back", async () => {
      const error = await rejection(
        sql.transaction([sql`insert into items (name) values ('atomic-1')`, sql`select 1 / 0`]),
      );
      expect(error).toBeInstanceOf(NeonDbError);
      expect(error.code).toBe("22012");
      expect(await countItems("atomic-1")).toBe(0);

      const viaDrizzle = await rejection(
        db.batch([db.insert(items).values({ name: "atomic-2" }), db.insert(items).values({ name: "atomic-2" })]),
      );
      expect(((viaDrizzle.cause as Record<string, unknown>) ?? viaDrizzle).code).toBe("23505");
      expect(await countItems("atomic-2")).toBe(0);
    });

    it("applies the isolation level, read-only and deferrable headers", async () => {
      const results = await sql.transaction(
        [sql`show transaction_isolation`, sql`show transaction_read_only`, sql`show transaction_deferrable`],
        { isolationLevel: "Serializable", readOnly: true, deferrable: true },
      );
      expect(results.map((rows) => Object.values(rows[0] ?? {})[0])).toEqual(["serializable", "on", "on"]);

      const error = await rejection(sql.transaction([sql`insert into items (name) values ('ro-1')`], { readOnly: true }));
      expect(error.code).toBe("25006");
      expect(await countItems("ro-1")).toBe(0);
    });

    it("rejects an unknown isolation level with 400", async () => {
      const res = await post({ queries: [{ query: "select 1", params: [] }] }, { ...DRIVER_HEADERS, "Neon-Batch-Isolation-Level": "Snapshot" });
      expect(res.status).toBe(400);
      expect(await wire(res)).toMatchObject({ message: "invalid isolation level", code: "" });
    });
  });

  describe("errors", () => {
    it("turns a unique violation into NeonDbError 23505, and DrizzleQueryError around it", async () => {
      await sql`insert into items (name) values ('dup')`;
      const error = await rejection(sql`insert into items (name) values ('dup')`);
      expect(error).toBeInstanceOf(NeonDbError);
      expect(error).toMatchObject({ code: "23505", constraint: "items_name_key", table: "items", severity: "ERROR" });

      const wrapped = await rejection(db.insert(items).values({ name: "dup" }));
      expect(wrapped).toBeInstanceOf(DrizzleQueryError);
      expect(wrapped.cause).toBeInstanceOf(NeonDbError);
      expect((wrapped.cause as Record<string, unknown>).code).toBe("23505");
    });

    it("answers a Postgres error with 400 and every key of Neon's error JSON", async () => {
      const res = await post({ query: "select 1 / 0", params: [] });
      expect(res.status).toBe(400);
      const body = await wire(res);
      expect(Object.keys(body).sort()).toEqual([...ERROR_KEYS].sort());
      expect(body).toMatchObject({ code: "22012", severity: "ERROR", message: "division by zero", detail: null });
    });

    it("requires a valid Neon-Connection-String: 400 with Neon's error JSON", async () => {
      const { "Neon-Connection-String": _, ...withoutConnection } = DRIVER_HEADERS;
      const missing = await post({ query: "select 1", params: [] }, withoutConnection);
      expect(missing.status).toBe(400);
      const body = await wire(missing);
      expect(Object.keys(body).sort()).toEqual([...ERROR_KEYS].sort());
      expect(body).toMatchObject({ message: "invalid header: neon-connection-string", code: "" });

      const wrongScheme = await post(
        { query: "select 1", params: [] },
        { ...DRIVER_HEADERS, "Neon-Connection-String": "mysql://pam:pam@local-neon/pam" },
      );
      expect(wrongScheme.status).toBe(400);
      expect(await wire(wrongScheme)).toMatchObject({ message: "incorrect scheme", code: "" });
    });

    it("answers a malformed body with 400", async () => {
      const res = await fetch(server.url, { method: "POST", body: "not json", headers: DRIVER_HEADERS });
      expect(res.status).toBe(400);
      expect((await wire(res)).code).toBe("");
    });
  });

  describe("types", () => {
    const TYPED_SELECT = `select '9007199254740993'::int8 as big, 12345.6789::numeric as amount,
      '{"a": [1, 2]}'::jsonb as doc, '2024-03-01 12:34:56.789+00'::timestamptz as at,
      '2024-03-01'::date as day, array['a', 'b c']::text[] as tags, '\\x00ff10'::bytea as blob,
      true as flag, '0b7e3f4c-5d2a-4c8e-9f1b-2a3c4d5e6f70'::uuid as uid`;

    it("reports real type OIDs and Postgres's text output on the wire", async () => {
      const res = await post({ query: TYPED_SELECT, params: [] });
      expect(res.status).toBe(200);
      const body = await wire(res);
      expect(body.fields.map((f) => f.dataTypeID)).toEqual([
        20, 1700, 3802, 1184, 1082, 1009, 17, 16, 2950,
      ]);
      expect(body.rows).toEqual([
        [
          "9007199254740993",
          "12345.6789",
          '{"a": [1, 2]}',
          "2024-03-01 12:34:56.789+00",
          "2024-03-01",
          '{a,"b c"}',
          "\\x00ff10",
          "t",
          "0b7e3f4c-5d2a-4c8e-9f1b-2a3c4d5e6f70",
        ],
      ]);
      expect(body.fields[0]).toEqual({
        name: "big",
        dataTypeID: 20,
        tableID: expect.any(Number),
        columnID: expect.any(Number),
        dataTypeSize: expect.any(Number),
        dataTypeModifier: expect.any(Number),
        format: "text",
      });
    });

    it("round-trips parameters and results through neon()", async () => {
      const at = new Date("2024-03-01T12:34:56.789Z");
      const bytes = Buffer.from([0, 255, 16]);
      const [row] = await sql`select ${9007199254740993n}::int8 as big, ${"12345.6789"}::numeric as amount,
        ${{ a: [1, 2], s: "é\"" }}::jsonb as doc, ${at}::timestamptz as at, ${["a", "b c", null]}::text[] as tags,
        ${bytes}::bytea as blob, ${true}::bool as flag, ${"0b7e3f4c-5d2a-4c8e-9f1b-2a3c4d5e6f70"}::uuid as uid`;
      expect(row).toEqual({
        big: "9007199254740993",
        amount: "12345.6789",
        doc: { a: [1, 2], s: 'é"' },
        // Creating a drizzle neon-http instance makes the driver keep timestamps as text, process-wide.
        at: "2024-03-01 12:34:56.789+00",
        tags: ["a", "b c", null],
        blob: bytes,
        flag: true,
        uid: "0b7e3f4c-5d2a-4c8e-9f1b-2a3c4d5e6f70",
      });
    });

    it("round-trips a row through drizzle's column types", async () => {
      const value = {
        big: 9007199254740993n,
        amount: "12345.6789",
        doc: { nested: { ok: true } },
        at: new Date("2024-03-01T12:34:56.789Z"),
        day: "2024-03-01",
        tags: ["x", "y z"],
        flag: false,
        uid: "0b7e3f4c-5d2a-4c8e-9f1b-2a3c4d5e6f70",
      };
      const [inserted] = await db.insert(samples).values(value).returning({ id: samples.id });
      const [read] = await db
        .select()
        .from(samples)
        .where(eq(samples.id, inserted!.id));
      expect(read).toEqual({ id: inserted!.id, ...value });
    });

    it("accepts raw JSON parameter values, as Neon does", async () => {
      const res = await post({
        query: "select $1::int, $2::bool, $3::jsonb, $4::int[], $5::text[], $6::text, $7",
        params: [42, true, { a: 1 }, [1, null, 3], ['x"y', null], null, "s"],
      });
      expect(res.status).toBe(200);
      expect((await wire(res)).rows).toEqual([["42", "t", '{"a": 1}', "{1,NULL,3}", '{"x\\"y",NULL}', null, "s"]]);
    });

    it("converts values to JSON when raw text and array mode are not asked for", async () => {
      const res = await post(
        {
          query: `select 1 as n, true as b, '{"a": 1}'::jsonb as j, array[1, 2] as arr,
            array['p', null, 'q r'] as txt, 9007199254740993::int8 as big, 1.5::float8 as f, 'NaN'::float8 as nan`,
          params: [],
        },
        { "Neon-Connection-String": CONNECTION_STRING },
      );
      const body = await wire(res);
      expect(body.rowAsArray).toBe(false);
      expect(body.rows).toEqual([
        { n: 1, b: true, j: { a: 1 }, arr: [1, 2], txt: ["p", null, "q r"], big: "9007199254740993", f: 1.5, nan: "NaN" },
      ]);
    });
  });

  describe("sessions", () => {
    it("keeps no session settings between requests: TimeZone UTC, DateStyle ISO", async () => {
      await sql`set timezone to 'Australia/Sydney'`;
      await sql`set datestyle to 'German'`;
      const [row] = await sql`select current_setting('TimeZone') as tz, current_setting('DateStyle') as ds`;
      expect(row).toEqual({ tz: "UTC", ds: expect.stringMatching(/^ISO/) });
    });

    it("keeps no temp tables or open transactions between requests", async () => {
      await sql`create temp table scratch_pad (x int)`;
      expect((await rejection(sql`select * from scratch_pad`)).code).toBe("42P01");

      // A lone BEGIN must not leave the next request inside a transaction block.
      await sql`begin`;
      expect((await rejection(sql`savepoint s1`)).code).toBe("25P01");
    });
  });

  describe("dev routes", () => {
    it("reports health and the backend kind", async () => {
      const res = await fetch(new URL("/_dev/health", server.url));
      expect(res.status).toBe(200);
      expect(await wire(res)).toEqual({ ok: true, backend: target.name });
    });

    it("answers CORS preflight", async () => {
      const res = await fetch(server.url, {
        method: "OPTIONS",
        headers: { Origin: "http://example.test", "Access-Control-Request-Headers": "neon-connection-string" },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-headers")).toContain("neon-connection-string");
    });
  });

  describe("fault injection", () => {
    it("failRate 1 before the statement: HTTP 500 without a code, nothing runs", async () => {
      const before = server.stats();
      server.setFaults({ failRate: 1, failPhase: "before" });
      const error = await rejection(sql`insert into items (name) values ('fault-before')`);
      expect(error).toBeInstanceOf(NeonDbError);
      expect(error.message).toMatch(/^Server error \(HTTP status 500\)/);
      expect(error.code).toBeUndefined();

      const wrapped = await rejection(db.select().from(items));
      expect(wrapped).toBeInstanceOf(DrizzleQueryError);
      expect((wrapped.cause as Error).message).toMatch(/^Server error \(HTTP status 500\)/);

      server.setFaults({ failRate: 0 });
      expect(await countItems("fault-before")).toBe(0);
      const after = server.stats();
      expect(after.failedInjected - before.failedInjected).toBe(2);
      expect(after.requests - before.requests).toBe(3);
    });

    it("failPhase after: the call fails but the statement committed", async () => {
      server.setFaults({ failRate: 1, failPhase: "after" });
      const error = await rejection(sql.transaction([sql`insert into items (name) values ('fault-after')`]));
      expect(error.message).toMatch(/^Server error \(HTTP status 500\)/);
      server.setFaults({ failRate: 0 });
      expect(await countItems("fault-after")).toBe(1);
    });

    it("delayMs adds latency to every request", async () => {
      server.setFaults({ delayMs: 150 });
      const started = performance.now();
      await sql`select 1`;
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    });

    it("changes faults at runtime over HTTP", async () => {
      const faultsUrl = new URL("/_dev/faults", server.url);
      const put = await fetch(faultsUrl, { method: "PUT", body: JSON.stringify({ failRate: 1, failPhase: "before" }) });
      expect(put.status).toBe(200);
      expect(await wire(await fetch(faultsUrl))).toEqual({
        failRate: 1,
        failPhase: "before",
        delayMs: 0,
        delayJitterMs: 0,
      });
      expect(server.getFaults().failRate).toBe(1);
      expect((await rejection(sql`select 1`)).message).toMatch(/HTTP status 500/);

      await fetch(faultsUrl, { method: "PUT", body: JSON.stringify({ failRate: 0 }) });
      expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);

      const invalid = await fetch(faultsUrl, { method: "PUT", body: JSON.stringify({ failRate: 2 }) });
      expect(invalid.status).toBe(400);
      expect(server.getFaults().failRate).toBe(0);
    });
  });
});
