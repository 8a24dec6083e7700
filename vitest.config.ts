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
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
