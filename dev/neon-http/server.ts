/**
 * A local Neon SQL-over-HTTP endpoint: `neon()` and drizzle `neon-http` talk to it unchanged.
 * Protocol as `@neondatabase/serverless` 1.2 speaks it and Neon's proxy answers it
 * (neondatabase/neon proxy/src/serverless/sql_over_http.rs and json.rs):
 *
 *   POST /sql        headers Neon-Connection-String (required, validated, not used to route:
 *                    the backend decides where queries run), Neon-Raw-Text-Output,
 *                    Neon-Array-Mode, Neon-Batch-Isolation-Level / -Read-Only / -Deferrable.
 *                    Body `{query, params, arrayMode?}` or `{queries: [...]}`, any content type.
 *                    200 with the result JSON; 400 with Neon's error JSON for Postgres errors
 *                    and bad requests; 500 for anything else.
 *   GET  /_dev/health       {ok: true, backend}
 *   GET|PUT /_dev/faults    read or change fault injection while running.
 *
 * Fault injection (reliability tests): `failRate` of /sql requests are answered 500. With
 * failPhase "before" the statement never runs; with "after" it runs and commits and the caller
 * still sees a 500 — what a lost response looks like, so callers must be idempotent. "either"
 * picks one at random per failure. `delayMs` (+ up to `delayJitterMs`) delays every /sql request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type BatchOptions,
  type IsolationLevel,
  isIsolationLevel,
  type Query,
  type QueryResult,
  type SqlBackend,
} from "./backend.ts";

export type FailPhase = "before" | "after" | "either";

export interface Faults {
  /** Fraction of /sql requests answered HTTP 500, 0..1. */
  failRate: number;
  failPhase: FailPhase;
  /** Added latency per /sql request, in ms. */
  delayMs: number;
  /** Random extra latency, 0..delayJitterMs ms. */
  delayJitterMs: number;
}

export interface NeonHttpServerOptions {
  backend: SqlBackend;
  port?: number;
  host?: string;
  faults?: Partial<Faults>;
}

export interface NeonHttpServer {
  /** The value for `neonConfig.fetchEndpoint`, e.g. http://127.0.0.1:4444/sql */
  url: string;
  port: number;
  setFaults(faults: Partial<Faults>): void;
  getFaults(): Faults;
  stats(): { requests: number; failedInjected: number };
  /** Stops listening; the backend stays open (its owner closes it). */
  close(): Promise<void>;
}

const NO_FAULTS: Faults = { failRate: 0, failPhase: "either", delayMs: 0, delayJitterMs: 0 };
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A client mistake: answered 400 with Neon's error JSON and an empty code. */
class RequestError extends Error {}

export async function startNeonHttpServer(options: NeonHttpServerOptions): Promise<NeonHttpServer> {
  const { backend, port = 0, host = "127.0.0.1" } = options;
  let faults = withFaults(NO_FAULTS, options.faults ?? {});
  const counters = { requests: 0, failedInjected: 0 };

  const handleSql = async (req: IncomingMessage, res: ServerResponse) => {
    counters.requests += 1;
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      return sendError(res, error);
    }
    const delay = faults.delayMs + Math.random() * faults.delayJitterMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

    const phase = Math.random() < faults.failRate ? pickPhase(faults.failPhase) : undefined;
    if (phase === "before") return sendInjected(res, phase);
    const response = await executeSql(backend, req, body);
    if (phase === "after") return sendInjected(res, phase);
    sendJson(res, response.status, response.body, response.headers);
  };

  const sendInjected = (res: ServerResponse, phase: "before" | "after") => {
    counters.failedInjected += 1;
    sendJson(res, 500, { message: "injected fault", phase });
  };

  const handleFaults = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "PUT") {
      try {
        faults = withFaults(faults, JSON.parse(await readBody(req)));
      } catch (error) {
        return sendJson(res, 400, { message: error instanceof Error ? error.message : String(error) });
      }
    }
    sendJson(res, 200, faults);
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = `${req.method} ${path}`;
    let handled: Promise<void> | void;
    if (req.method === "OPTIONS") handled = sendPreflight(req, res);
    else if (route === "POST /sql") handled = handleSql(req, res);
    else if (route === "GET /_dev/faults" || route === "PUT /_dev/faults") handled = handleFaults(req, res);
    else if (route === "GET /_dev/health") handled = sendJson(res, 200, { ok: true, backend: backend.kind });
    else handled = sendJson(res, path === "/sql" ? 405 : 404, { message: `no route for ${route}` });
    Promise.resolve(handled).catch((error) => {
      console.error("neon-http: unhandled error", error);
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}/sql`,
    port: bound,
    setFaults: (next) => {
      faults = withFaults(faults, next);
    },
    getFaults: () => ({ ...faults }),
    stats: () => ({ ...counters }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// POST /sql

interface QueryData extends Query {
  arrayMode?: boolean;
}

interface SqlResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

async function executeSql(backend: SqlBackend, req: IncomingMessage, body: string): Promise<SqlResponse> {
  try {
    checkConnectionString(header(req, "neon-connection-string"));
    const rawText = header(req, "neon-raw-text-output") === "true";
    const defaultArrayMode = header(req, "neon-array-mode") === "true";
    const batchOptions = parseBatchHeaders(req);
    const payload = parsePayload(body);

    if ("queries" in payload) {
      const results = await backend.batch(payload.queries, batchOptions);
      const json = results.map((r, i) => resultJson(r, payload.queries[i]?.arrayMode ?? defaultArrayMode, rawText));
      return { status: 200, body: { results: json }, headers: batchHeaders(batchOptions) };
    }
    const result = await backend.query(payload.text, payload.params);
    return { status: 200, body: resultJson(result, payload.arrayMode ?? defaultArrayMode, rawText) };
  } catch (error) {
    return errorResponse(error);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Neon reads user, host and database from it to route and authenticate; here it is only
// validated, so a malformed string fails locally as it would in production. No password needed.
function checkConnectionString(value: string | undefined): void {
  if (!value) throw new RequestError("invalid header: neon-connection-string");
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new RequestError(`invalid connection string: ${(error as Error).message}`);
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") throw new RequestError("incorrect scheme");
  if (!url.hostname) throw new RequestError("missing hostname");
  if (!url.username) throw new RequestError("missing username");
  if (url.pathname.length <= 1) throw new RequestError("missing database name");
}

function parseBatchHeaders(req: IncomingMessage): BatchOptions {
  const isolation = header(req, "neon-batch-isolation-level");
  if (isolation !== undefined && !isIsolationLevel(isolation)) throw new RequestError("invalid isolation level");
  return {
    isolation: isolation as IsolationLevel | undefined,
    readOnly: header(req, "neon-batch-read-only") === "true",
    deferrable: header(req, "neon-batch-deferrable") === "true",
  };
}

// Neon echoes the batch modes it applied.
function batchHeaders(options: BatchOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.isolation) headers["Neon-Batch-Isolation-Level"] = options.isolation;
  if (options.readOnly) headers["Neon-Batch-Read-Only"] = "true";
  if (options.deferrable) headers["Neon-Batch-Deferrable"] = "true";
  return headers;
}

function parsePayload(body: string): QueryData | { queries: QueryData[] } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new RequestError(`could not parse the request body as JSON: ${(error as Error).message}`);
  }
  if (isObject(json) && typeof json.query === "string") return parseQueryData(json);
  if (isObject(json) && Array.isArray(json.queries)) return { queries: json.queries.map(parseQueryData) };
  throw new RequestError('invalid request body: expected {"query", "params"} or {"queries": [...]}');
}

function parseQueryData(value: unknown): QueryData {
  if (!isObject(value) || typeof value.query !== "string") throw new RequestError("invalid query: missing query text");
  const params = value.params ?? [];
  if (!Array.isArray(params)) throw new RequestError("invalid query: params must be an array");
  const arrayMode = value.arrayMode ?? undefined;
  if (arrayMode !== undefined && typeof arrayMode !== "boolean") throw new RequestError("invalid query: arrayMode must be a boolean");
  return { text: value.query, params: params.map(toPgText), arrayMode };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parameters as Postgres text, as Neon converts raw JSON values: strings as they are, numbers,
 * booleans and objects as JSON text, arrays as Postgres array literals (elements JSON-quoted,
 * which is also valid array-literal escaping; objects inside arrays become quoted JSON text).
 */
function toPgText(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return toPgArrayElement(value);
  return JSON.stringify(value);
}

function toPgArrayElement(value: unknown): string {
  if (value === null) return "NULL";
  if (Array.isArray(value)) return `{${value.map(toPgArrayElement).join(",")}}`;
  if (typeof value === "object") return JSON.stringify(JSON.stringify(value));
  return JSON.stringify(value);
}

function resultJson(result: QueryResult, arrayMode: boolean, rawText: boolean) {
  const convert = (value: string | null, i: number) => {
    if (value === null || rawText) return value;
    return textToJson(value, result.fields[i]?.dataTypeID ?? 0);
  };
  const rows = result.rows.map((row) =>
    arrayMode ? row.map(convert) : Object.fromEntries(row.map((v, i) => [result.fields[i]?.name, convert(v, i)])),
  );
  return { fields: result.fields, rows, command: result.command, rowCount: result.rowCount, rowAsArray: arrayMode };
}

// ---------------------------------------------------------------------------------------------
// Neon-Raw-Text-Output: false — Neon turns text into JSON values. The driver always asks for raw
// text; this exists so other clients see what Neon would send them.

const BOOL = 16;
const INT2 = 21;
const INT4 = 23;
const FLOAT4 = 700;
const FLOAT8 = 701;
const JSON_OID = 114;
const JSONB = 3802;
const TEXT = 25;

/** Element type of built-in array types (elements of types not converted are read as text). */
const ARRAY_ELEMENT: Record<number, number> = {
  1000: BOOL,
  1005: INT2,
  1007: INT4,
  1021: FLOAT4,
  1022: FLOAT8,
  199: JSON_OID,
  3807: JSONB,
  ...Object.fromEntries(
    // text, varchar, bpchar, name, int8, numeric, bytea, uuid, date, time, timestamp, timestamptz, interval, oid
    [1009, 1015, 1014, 1003, 1016, 1231, 1001, 2951, 1182, 1183, 1115, 1185, 1187, 1028].map((oid) => [oid, TEXT]),
  ),
};

function textToJson(text: string, oid: number): unknown {
  const element = ARRAY_ELEMENT[oid];
  if (element !== undefined) return parsePgArray(text, element);
  switch (oid) {
    case BOOL:
      return text === "t";
    case INT2:
    case INT4:
      return Number(text);
    case FLOAT4:
    case FLOAT8: {
      // NaN and ±Infinity stay strings: JSON has no such numbers.
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case JSON_OID:
    case JSONB:
      return JSON.parse(text);
    default:
      return text;
  }
}

/** Postgres array output (`{1,NULL,"a b",{2}}`, optionally `[0:1]=` bounds) to a JSON array. */
function parsePgArray(text: string, element: number): unknown[] {
  let i = text.startsWith("[") ? text.indexOf("=") + 1 : 0;
  const list = (): unknown[] => {
    const items: unknown[] = [];
    i += 1; // "{"
    if (text[i] === "}") {
      i += 1;
      return items;
    }
    while (i < text.length) {
      if (text[i] === "{") items.push(list());
      else if (text[i] === '"') {
        let value = "";
        for (i += 1; i < text.length && text[i] !== '"'; i += 1) {
          if (text[i] === "\\") i += 1;
          value += text[i];
        }
        i += 1;
        items.push(textToJson(value, element));
      } else {
        const start = i;
        while (i < text.length && text[i] !== "," && text[i] !== "}") i += 1;
        const item = text.slice(start, i).trim();
        items.push(item === "NULL" ? null : textToJson(item, element));
      }
      if (text[i] !== ",") break;
      i += 1;
    }
    i += 1; // "}"
    return items;
  };
  return list();
}

// ---------------------------------------------------------------------------------------------
// Errors: Neon's JSON, every key present.

const POSTGRES_ERROR_KEYS = [
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "table",
  "column",
  "schema",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

type PostgresError = Error & { code: string; severity: string } & Partial<Record<string, unknown>>;

// Both node-postgres and PGlite raise pg-protocol's DatabaseError: a code plus a severity.
function isPostgresError(error: unknown): error is PostgresError {
  const e = error as PostgresError;
  return error instanceof Error && typeof e.code === "string" && typeof e.severity === "string";
}

function errorResponse(error: unknown): SqlResponse {
  const pgError = isPostgresError(error) ? error : undefined;
  const body: Record<string, unknown> = {
    message: error instanceof Error ? error.message : String(error),
    code: pgError?.code ?? "",
    // Neon fills severity with "" (not null) when the error did not come from Postgres.
    severity: pgError?.severity ?? "",
  };
  for (const key of POSTGRES_ERROR_KEYS) {
    const value = pgError?.[key];
    body[key] = value === undefined || value === null ? null : String(value);
  }
  const clientError = pgError !== undefined || error instanceof RequestError;
  if (!clientError) console.error("neon-http: internal error", error);
  return { status: clientError ? 400 : 500, body };
}

// ---------------------------------------------------------------------------------------------
// Faults and HTTP plumbing

function withFaults(current: Faults, next: unknown): Faults {
  if (!isObject(next)) throw new Error("faults must be a JSON object");
  const merged = { ...current };
  for (const [key, value] of Object.entries(next)) {
    if (key === "failPhase") {
      if (value !== "before" && value !== "after" && value !== "either") {
        throw new Error('failPhase must be "before", "after" or "either"');
      }
      merged.failPhase = value;
    } else if (key === "failRate" || key === "delayMs" || key === "delayJitterMs") {
      const ok = typeof value === "number" && Number.isFinite(value) && value >= 0 && (key !== "failRate" || value <= 1);
      if (!ok) throw new Error(`${key} must be a number ${key === "failRate" ? "between 0 and 1" : ">= 0"}`);
      merged[key] = value as number;
    } else {
      throw new Error(`unknown fault setting: ${key}`);
    }
  }
  return merged;
}

function pickPhase(phase: FailPhase): "before" | "after" {
  if (phase === "either") return Math.random() < 0.5 ? "before" : "after";
  return phase;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(`request body is too large (max ${MAX_BODY_BYTES} bytes)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendError(res: ServerResponse, error: unknown): void {
  const { status, body } = errorResponse(error);
  sendJson(res, status, body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Access-Control-Allow-Origin": "*",
    ...headers,
  });
  res.end(text);
}

// Browsers preflight the driver's custom headers; allow them all, as Neon does.
function sendPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, PUT, OPTIONS",
    "Access-Control-Allow-Headers": header(req, "access-control-request-headers") ?? "*",
    "Access-Control-Max-Age": "86400",
  });
  res.end();
}
