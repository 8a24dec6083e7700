import { NeonDbError } from "@neondatabase/serverless";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { classifyError, PermanentError, retryDelaySeconds } from "../../src/queues/retry.ts";

function neonError(message: string, code?: string): NeonDbError {
  const e = new NeonDbError(message);
  if (code) e.code = code;
  return e;
}

describe("classifyError", () => {
  it("treats endpoint 5xx and connection failures as transient", () => {
    expect(classifyError(neonError("Server error (HTTP status 500): injected fault"))).toMatchObject({
      kind: "transient",
      code: "http_500",
    });
    expect(classifyError(neonError("Error connecting to database: fetch failed")).kind).toBe("transient");
  });

  it("reads the Postgres code through drizzle's wrapper", () => {
    const wrapped = new DrizzleQueryError("select 1", [], neonError("could not serialize access", "40001"));
    expect(classifyError(wrapped)).toMatchObject({ kind: "transient", code: "40001" });
    expect(classifyError(new DrizzleQueryError("x", [], neonError("deadlock", "40P01"))).kind).toBe("transient");
    expect(classifyError(new DrizzleQueryError("x", [], neonError("too many connections", "53300"))).kind).toBe("transient");
  });

  it("treats SQL errors in the rule itself as permanent", () => {
    expect(classifyError(neonError("syntax error", "42601"))).toMatchObject({ kind: "permanent", code: "42601" });
    expect(classifyError(neonError("violates check constraint", "23514")).kind).toBe("permanent");
  });

  it("treats invalid messages as permanent", () => {
    const zodError = z.object({ a: z.string() }).safeParse({}).error!;
    expect(classifyError(zodError).kind).toBe("permanent");
    expect(classifyError(new PermanentError("unknown_task", "nope"))).toMatchObject({ kind: "permanent", code: "unknown_task" });
  });

  it("does not leak the query text of a wrapped error", () => {
    const wrapped = new DrizzleQueryError("select secret from t where email = $1", ["a@b.c"], neonError("boom", "XX000"));
    expect(classifyError(wrapped).message).toBe("boom");
  });
});

describe("retryDelaySeconds", () => {
  const policy = { baseSeconds: 10, capSeconds: 300 };
  it("grows exponentially within [window/2, window]", () => {
    expect(retryDelaySeconds(1, policy, () => 0)).toBe(5);
    expect(retryDelaySeconds(1, policy, () => 1)).toBe(10);
    expect(retryDelaySeconds(3, policy, () => 1)).toBe(40);
  });
  it("is capped", () => {
    expect(retryDelaySeconds(20, policy, () => 1)).toBe(300);
    expect(retryDelaySeconds(20, policy, () => 0)).toBe(150);
  });
});
