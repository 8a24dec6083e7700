/**
 * The Hono app factory: services are put on the context per request, errors take the one
 * shape of errors.ts. Tests and the worker entry build the app the same way.
 */
import { Hono } from "hono";
import { type AppEnv, ConfigError } from "../env.ts";
import { createLogger } from "../log.ts";
import { classifyError } from "../queues/retry.ts";
import { createServices, type Services } from "../services.ts";
import { ApiError, errorResponse } from "./errors.ts";
import { registerAdmin } from "./admin/index.ts";
import { registerHealth } from "./health.ts";

export interface AppContext {
  Bindings: AppEnv;
  Variables: { services: Services };
}

// Used where the configuration (and so the configured logger) may be unavailable.
const log = createLogger("error");

/** Names of the invalid settings only; their values may be secrets. */
function logConfigError(err: ConfigError): void {
  log.error("config_invalid", { settings: err.issues.map((i) => i.path).join(",") });
}

export function createApp(): Hono<AppContext> {
  const app = new Hono<AppContext>();

  app.use("*", async (c, next) => {
    try {
      c.set("services", createServices(c.env));
    } catch (err) {
      // A misconfigured worker is down, and /health must say so rather than fail itself.
      if (err instanceof ConfigError && c.req.path === "/health") {
        logConfigError(err);
        return c.json({ status: "down", failing: ["config"], checks: { config: { ok: false, error: "invalid" } } }, 503);
      }
      throw err;
    }
    await next();
  });

  registerHealth(app);
  registerAdmin(app);

  app.notFound((c) => errorResponse(c, new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}`)));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    if (err instanceof ConfigError) {
      logConfigError(err);
      return errorResponse(c, new ApiError("misconfigured", "the worker's configuration is invalid", err.issues));
    }
    // Name and code only: drizzle's errors carry the query and its parameters.
    log.error("unhandled", { error: err instanceof Error ? err.name : "unknown", code: classifyError(err).code });
    return errorResponse(c, new ApiError("internal", "internal error"));
  });
  return app;
}
