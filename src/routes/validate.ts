/**
 * Request validation with zod: failures become 400 `invalid_request` with issue paths
 * prefixed by where the value came from (`body.userId`, `query.limit`, `params.name`).
 */
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, zodIssues } from "./errors.ts";

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: "body" | "query" | "params"): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError("invalid_request", `invalid ${where}`, zodIssues(result.error, where));
  return result.data;
}

/** The JSON body; an empty body is `{}` (every body field of this API is optional or checked). */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_request", "body is not valid JSON", [{ path: "body", message: "invalid JSON" }]);
  }
}
