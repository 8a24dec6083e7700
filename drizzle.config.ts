import { defineConfig } from "drizzle-kit";

/** Postgres (Neon in production): the PAM data the tasks work on. D1 has its own config. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/pg/schema.ts",
  out: "./drizzle/pg",
});
