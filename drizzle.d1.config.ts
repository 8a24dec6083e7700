import { defineConfig } from "drizzle-kit";

/** D1 (SQLite) scheduler state; wrangler applies drizzle/d1 (`migrations_dir` in wrangler.toml). */
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/d1/schema.ts",
  out: "./drizzle/d1",
});
