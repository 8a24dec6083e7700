/**
 * Bindings and configuration. Every variable is parsed once per isolate with zod; defaults
 * live here and nowhere else, so a missing or malformed setting fails loudly with its name.
 */
import { z } from "zod";

const bool = z.enum(["true", "false"]).transform((v) => v === "true");

export const configSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Neon connection string (a secret in production). */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// connection string"),
  /** Local Neon-compatible SQL-over-HTTP endpoint; unset in production (the driver derives Neon's). */
  NEON_HTTP_ENDPOINT: z.url().optional(),
  ADMIN_TOKEN: z.string().min(8, "must be at least 8 characters"),
  WEBHOOK_SECRET: z.string().min(8).optional(),
  /** Per-check timeout of GET /health. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** Wall time a task message may spend on pages before it hands over with a continuation. */
  TASK_TIME_BUDGET_MS: z.coerce.number().int().positive().default(20_000),
  /** Overrides every task's registry page size (users per keyset page) when set. */
  TASK_PAGE_SIZE: z.coerce.number().int().min(1).max(5000).optional(),
  /** Retry backoff: the first retry waits about this long, doubling up to the cap. */
  RETRY_BASE_SECONDS: z.coerce.number().min(0).default(10),
  RETRY_CAP_SECONDS: z.coerce.number().min(0).max(43_200).default(600),
  /** Logs of every SQL round trip (ids and timings only, never parameters). */
  SQL_DEBUG: bool.default(false),
});

export type Config = z.infer<typeof configSchema>;

/** What the worker reads from its environment: bindings plus string vars and secrets. */
export type AppEnv = Env & Partial<Record<keyof z.input<typeof configSchema>, string>>;

export class ConfigError extends Error {
  readonly issues: { path: string; message: string }[];
  constructor(issues: { path: string; message: string }[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

const cache = new WeakMap<object, Config>();

/** Parses (once per env object) and returns the configuration, or throws ConfigError. */
export function loadConfig(env: AppEnv): Config {
  const hit = cache.get(env);
  if (hit) return hit;
  const raw = Object.fromEntries(
    Object.keys(configSchema.shape).map((k) => [k, (env as unknown as Record<string, unknown>)[k] || undefined]),
  );
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  cache.set(env, parsed.data);
  return parsed.data;
}
