/**
 * Runs the local Neon SQL-over-HTTP endpoint:
 *
 *   node dev/neon-http/main.ts [--port 4444] [--host 127.0.0.1]
 *                              [--fail-rate 0.3] [--fail-phase before|after|either]
 *                              [--delay-ms 50] [--delay-jitter-ms 20]
 *
 * Backend: the Postgres named by DATABASE_URL, else PGlite persisted in .data/pglite.
 * Prints one line with the endpoint URL (the value for NEON_HTTP_ENDPOINT). Ctrl-C / SIGTERM
 * stop the server and close the backend, so PGlite's files are left consistent.
 */
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { openBackend } from "./backend.ts";
import { type Faults, type NeonHttpServer, startNeonHttpServer } from "./server.ts";

const PGLITE_DIR = ".data/pglite";

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      port: { type: "string", default: "4444" },
      host: { type: "string", default: "127.0.0.1" },
      "fail-rate": { type: "string" },
      "fail-phase": { type: "string" },
      "delay-ms": { type: "string" },
      "delay-jitter-ms": { type: "string" },
    },
  });
  const faults: Partial<Faults> = {};
  if (args["fail-rate"] !== undefined) faults.failRate = Number(args["fail-rate"]);
  if (args["fail-phase"] !== undefined) faults.failPhase = args["fail-phase"] as Faults["failPhase"];
  if (args["delay-ms"] !== undefined) faults.delayMs = Number(args["delay-ms"]);
  if (args["delay-jitter-ms"] !== undefined) faults.delayJitterMs = Number(args["delay-jitter-ms"]);

  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (!databaseUrl) mkdirSync(PGLITE_DIR, { recursive: true });
  const backend = await openBackend({ databaseUrl, dataDir: PGLITE_DIR });

  let server: NeonHttpServer;
  try {
    server = await startNeonHttpServer({ backend, port: Number(args.port), host: args.host, faults });
  } catch (error) {
    await backend.close();
    throw error;
  }

  const where = databaseUrl ? "postgres (DATABASE_URL)" : `pglite (${PGLITE_DIR})`;
  const injected = server.getFaults();
  const faultNote = injected.failRate > 0 || injected.delayMs > 0 ? ` faults ${JSON.stringify(injected)}` : "";
  console.log(`neon-http listening on ${server.url} backend ${where}${faultNote}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      await server.close();
      await backend.close();
    } catch (error) {
      console.error(`neon-http: error while stopping on ${signal}`, error);
      process.exitCode = 1;
    }
    process.exit();
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  // Bad arguments and unreachable databases: one line, not a stack trace.
  console.error(`neon-http: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
