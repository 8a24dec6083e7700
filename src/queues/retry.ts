/**
 * The one retry policy. A failure is either
 * - permanent: retrying cannot help (invalid message, unknown task or run, a SQL error in the
 *   rule itself such as a syntax or constraint error). The message is recorded as a dead
 *   letter at once and acknowledged — a poison message is never retried;
 * - transient: the network, a 5xx from the SQL endpoint, a timeout, a serialization failure or
 *   deadlock, a database restarting. The message is retried with capped exponential backoff
 *   and jitter; after the queue's max_retries it moves to the dead-letter queue.
 * Unknown errors count as transient: retries are bounded, and the dead-letter queue keeps them.
 */
import { ZodError } from "zod";

export class PermanentError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "PermanentError";
    this.code = code;
  }
}

/** SQLSTATE classes and codes worth retrying: connection, resources, conflicts, shutdown. */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]|58|40001|40P01|55P03|57014|XX)/;

export interface Classified {
  kind: "transient" | "permanent";
  /** A short code for logs and dead letters: SQLSTATE, HTTP status or our own. */
  code: string;
  message: string;
}

export function classifyError(err: unknown): Classified {
  if (err instanceof PermanentError) return { kind: "permanent", code: err.code, message: err.message };
  if (err instanceof ZodError) return { kind: "permanent", code: "invalid_message", message: err.message };
  // drizzle wraps driver errors; the driver's error carries the Postgres code when there is one.
  const cause = (err as { cause?: unknown } | null)?.cause;
  const driverError = (cause && typeof cause === "object" ? cause : err) as { code?: unknown; message?: unknown };
  const message = String(driverError?.message ?? err).split("\n")[0]!.slice(0, 300);
  const code = typeof driverError?.code === "string" ? driverError.code : "";
  if (/^[0-9A-Z]{5}$/.test(code)) {
    return { kind: TRANSIENT_SQLSTATE.test(code) ? "transient" : "permanent", code, message };
  }
  const status = /HTTP status (\d{3})/.exec(message)?.[1];
  if (status) return { kind: "transient", code: `http_${status}`, message };
  return { kind: "transient", code: "error", message };
}

export interface BackoffPolicy {
  baseSeconds: number;
  capSeconds: number;
}

/**
 * Delay before attempt `attempts + 1`: uniform in [window/2, window] of an exponentially growing,
 * capped window ("equal jitter") — retries of many messages spread out instead of returning
 * together, and none comes back sooner than half the window.
 */
export function retryDelaySeconds(attempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const window = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.max(0, attempts - 1));
  return Math.round(window / 2 + random() * (window / 2));
}
