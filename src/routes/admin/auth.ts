/**
 * Bearer-token guard for /admin/*. Both sides are hashed to fixed-length digests and
 * compared with timingSafeEqual, so neither the token's content nor its length leaks
 * through response timing.
 */
import type { MiddlewareHandler } from "hono";
import type { AppContext } from "../app.ts";
import { ApiError } from "../errors.ts";

const encoder = new TextEncoder();

async function digest(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(value));
}

export async function tokensMatch(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export const requireAdmin: MiddlewareHandler<AppContext> = async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const expected = c.var.services.config.ADMIN_TOKEN;
  if (!match || !(await tokensMatch(match[1]!, expected))) {
    c.header("WWW-Authenticate", 'Bearer realm="pam-edge admin"');
    throw new ApiError("unauthorized", "a valid admin bearer token is required");
  }
  await next();
};
