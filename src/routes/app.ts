/**
 * The Hono app factory: services are put on the context per request, errors take the one
 * shape of errors.ts. Tests and the worker entry build the app the same way.
 */
import { Hono } from "hono";
import { type AppEnv, ConfigError } from "../env.ts";
import { createServices, type Services } from "../services.ts";
import { ApiError, errorResponse } from "./errors.ts";
import { registerAdmin } from "./admin/index.ts";
import { registerHealth } from "./health.ts";

export interface AppContext {
  Bindings: AppEnv;
  Variables: { services: Services };
}

export function createApp(): Hono<AppContext> {
  const app = new Hono<AppContext>();

  app.use("*", async (c, next) => {
    try {
      c.set("services", createServices(c.env));
    } catch (err) {
      // A misconfigured worker is down, and /health must say so rather than fail itself.
      if (err instanceof ConfigError && c.req.path === "/health") {
        console.error(JSON.stringify({ level: "error", event: "config_invalid", issues: err.issues }));
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
      console.error(JSON.stringify({ level: "error", event: "config_invalid", issues: err.issues }));
      return errorResponse(c, new ApiError("misconfigured", "the worker's configuration is invalid", err.issues));
    }
    console.error(JSON.stringify({ level: "error", event: "unhandled", error: String(err) }));
    return errorResponse(c, new ApiError("internal", "internal error"));
  });
  return app;
}
