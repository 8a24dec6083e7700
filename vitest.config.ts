import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Two kinds of suites, one run:
 * - `node`: dev tooling (the local Neon endpoint, seed generator) runs in Node.
 * - `worker`: the worker's code runs inside workerd with real D1, KV and Queues (Miniflare),
 *   talking to Postgres through the local Neon endpoint started once in globalSetup.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["test/node/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                DATABASE_URL: "postgres://pam:pam@local-neon/pam",
                NEON_HTTP_ENDPOINT: inject<string>("neonEndpoint"),
                ADMIN_TOKEN: "test-admin-token",
                WEBHOOK_SECRET: "test-webhook-secret",
                ENVIRONMENT: "test",
                LOG_LEVEL: "error",
                // Small pages and a short time budget so every run exercises paging and
                // continuation messages; one-second retries keep failure suites quick.
                TASK_PAGE_SIZE: "100",
                TASK_TIME_BUDGET_MS: "150",
                RETRY_BASE_SECONDS: "1",
                RETRY_CAP_SECONDS: "1",
                TEST_MIGRATIONS: await readD1Migrations("drizzle/d1"),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["test/worker/global-setup.ts"],
          setupFiles: ["test/worker/apply-migrations.ts"],
          // Suites share D1, queues and Postgres within a run: one file at a time keeps their
          // exact counts independent of each other.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
