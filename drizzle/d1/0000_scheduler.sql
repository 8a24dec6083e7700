CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`message_id` text NOT NULL,
	`body` text NOT NULL,
	`error` text NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`run_id` text,
	`task` text,
	`failed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`replayed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dead_letters_queue_message` ON `dead_letters` (`queue`,`message_id`);--> statement-breakpoint
CREATE INDEX `dead_letters_failed` ON `dead_letters` (`failed_at`);--> statement-breakpoint
CREATE TABLE `processed_pages` (
	`run_id` text NOT NULL,
	`shard` integer NOT NULL,
	`cursor` text NOT NULL,
	`next_cursor` text,
	`users` integer DEFAULT 0 NOT NULL,
	`actions` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`sql_round_trips` integer DEFAULT 0 NOT NULL,
	`sql_ms` integer DEFAULT 0 NOT NULL,
	`processed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`run_id`, `shard`, `cursor`)
);
--> statement-breakpoint
CREATE TABLE `task_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`task` text NOT NULL,
	`slot` text NOT NULL,
	`trigger` text NOT NULL,
	`user_id` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`reason` text,
	`shards_total` integer DEFAULT 0 NOT NULL,
	`shards_done` integer DEFAULT 0 NOT NULL,
	`users_scanned` integer DEFAULT 0 NOT NULL,
	`actions` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`retries` integer DEFAULT 0 NOT NULL,
	`sql_round_trips` integer DEFAULT 0 NOT NULL,
	`sql_ms` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`dispatched_at` text,
	`started_at` text,
	`finished_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_runs_task_slot_scheduled` ON `task_runs` (`task`,`slot`) WHERE "task_runs"."trigger" in ('cron', 'catchup');--> statement-breakpoint
CREATE INDEX `task_runs_task_created` ON `task_runs` (`task`,`created_at`);--> statement-breakpoint
CREATE INDEX `task_runs_status` ON `task_runs` (`status`);--> statement-breakpoint
CREATE TABLE `task_state` (
	`task` text PRIMARY KEY NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`last_slot` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
