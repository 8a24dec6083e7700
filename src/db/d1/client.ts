import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as schema from "./schema.ts";

export type SchedulerDb = DrizzleD1Database<typeof schema> & { $client: D1Database };

/** The scheduler's state store (D1) through drizzle. */
export function schedulerDb(d1: D1Database): SchedulerDb {
  return drizzle(d1, { schema });
}
