/**
 * What a task module provides: the work for one keyset page of users. The engine owns
 * sharding, paging, the ledger, retries and counters; a task owns only its rule, written as
 * set-based SQL so a page costs a constant number of round trips whatever its size.
 */
import type { IdRange } from "../cron/shards.ts";
import type { PgDatabase } from "../db/client.ts";
import type { Config } from "../env.ts";
import type { Logger } from "../log.ts";

export interface TaskContext {
  db: PgDatabase;
  /** The run's slot: the task's "now". Never read the clock inside a rule. */
  slot: Date;
  runId: string;
  config: Config;
  log: Logger;
}

export interface UserPage {
  range: IdRange;
  /** Users with id <= cursor in this range are done; null for the first page. */
  cursor: string | null;
  limit: number;
}

export interface PageResult {
  /** Users the rule looked at on this page. */
  users: number;
  /** Effects created (notifications, emails, rows written). */
  actions: number;
  /** Users the rule could not evaluate (e.g. no fill-up to estimate from). */
  skipped: number;
  /** Cursor for the next page; null when the range is exhausted. */
  nextCursor: string | null;
}

export interface TaskModule {
  name: string;
  runPage(ctx: TaskContext, page: UserPage): Promise<PageResult>;
}
