/**
 * Starts the local Neon endpoint once per run (PGlite in memory, or a scratch database on the
 * Postgres named by DATABASE_URL), applies the Postgres migrations, seeds a fleet and hands
 * the endpoint URL to the worker's bindings.
 */
import type { TestProject } from "vitest/node";
import { localNeon, migratePostgres, startLocalEndpoint } from "../../dev/lib/database.ts";
import { seedFleet } from "../../dev/seed/write.ts";
import { createScratchDatabase, type ScratchDatabase } from "../../dev/lib/scratch-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    neonEndpoint: string;
  }
}

/** Fleet size of the worker suites; `TEST_USERS=20000 npm test` runs them at a larger scale. */
const TEST_USERS = Number(process.env.TEST_USERS ?? 2000);

export default async function setup(project: TestProject) {
  let scratch: ScratchDatabase | undefined;
  if (process.env.DATABASE_URL) scratch = await createScratchDatabase(process.env.DATABASE_URL);
  const local = await startLocalEndpoint({ databaseUrl: scratch?.url, dataDir: null });
  await migratePostgres(local.endpoint);
  // A fleet large enough for every case of the rules and for several pages per shard.
  const sql = localNeon(local.endpoint);
  await seedFleet((text, params = []) => sql.query(text, params), { users: TEST_USERS, seed: 7, anchor: new Date() });
  project.provide("neonEndpoint", local.endpoint);
  return async () => {
    await local.close();
    await scratch?.drop();
  };
}
