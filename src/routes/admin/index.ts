import type { Hono } from "hono";
import type { AppContext } from "../app.ts";
import { requireAdmin } from "./auth.ts";
import { registerAdminDeadLetters } from "./dead-letters.ts";
import { registerAdminMetrics } from "./metrics.ts";
import { registerAdminRuns } from "./runs.ts";
import { registerAdminTasks } from "./tasks.ts";

/** Operator API: every route under /admin requires the admin bearer token. */
export function registerAdmin(app: Hono<AppContext>): void {
  app.use("/admin/*", requireAdmin);
  app.use("/admin", requireAdmin);
  registerAdminTasks(app);
  registerAdminRuns(app);
  registerAdminDeadLetters(app);
  registerAdminMetrics(app);
}
