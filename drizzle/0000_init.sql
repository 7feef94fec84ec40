CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`locked_until` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `fx_rates` (
	`workspace_id` integer NOT NULL,
	`month` text NOT NULL,
	`currency` text NOT NULL,
	`rate` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `month`, `currency`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `workspace_members` (
	`workspace_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `user_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `members_user_idx` ON `workspace_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`base_currency` text DEFAULT 'CNY' NOT NULL,
	`settings_json` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `commission_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`platform_id` integer NOT NULL,
	`rate_bps` integer NOT NULL,
	`min_plays` integer DEFAULT 0 NOT NULL,
	`min_completion_bps` integer DEFAULT 0 NOT NULL,
	`effective_from` text DEFAULT '1970-01-01' NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `commission_rules_platform_idx` ON `commission_rules` (`workspace_id`,`platform_id`);--> statement-breakpoint
CREATE TABLE `hours_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`platform_id` integer NOT NULL,
	`month` text NOT NULL,
	`hours_centi` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hours_ws_platform_month_uq` ON `hours_logs` (`workspace_id`,`platform_id`,`month`);--> statement-breakpoint
CREATE TABLE `payout_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`platform_id` integer NOT NULL,
	`effective_from` text NOT NULL,
	`net_days` integer,
	`available_after_months` integer DEFAULT 1 NOT NULL,
	`payout_day` integer DEFAULT 1 NOT NULL,
	`second_payout_day` integer,
	`payout_months` text DEFAULT 'all' NOT NULL,
	`threshold_minor` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `payout_rules_platform_idx` ON `payout_rules` (`workspace_id`,`platform_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `platforms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`default_stream` text DEFAULT 'other' NOT NULL,
	`contract` integer DEFAULT false NOT NULL,
	`social_insurance` integer DEFAULT false NOT NULL,
	`contingent` integer,
	`preset_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `platforms_ws_name_uq` ON `platforms` (`workspace_id`,`name`);--> statement-breakpoint
CREATE TABLE `deal_milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`deal_id` integer NOT NULL,
	`description` text,
	`share_bps` integer NOT NULL,
	`due_on` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `deals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`platform_id` integer,
	`counterparty` text NOT NULL,
	`title` text,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`agreed_on` text,
	`invoiced_on` text,
	`net_days` integer DEFAULT 30 NOT NULL,
	`status` text DEFAULT 'agreed' NOT NULL,
	`paid_on` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `deals_ws_idx` ON `deals` (`workspace_id`,`status`);--> statement-breakpoint
CREATE TABLE `earnings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`batch_id` integer,
	`platform_id` integer NOT NULL,
	`stream` text NOT NULL,
	`earned_on` text,
	`month` text NOT NULL,
	`work_id` integer,
	`deal_id` integer,
	`counterparty` text,
	`description` text,
	`gross_minor` integer NOT NULL,
	`fee_minor` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer DEFAULT 0 NOT NULL,
	`net_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`external_id` text,
	`fingerprint` text NOT NULL,
	`source` text DEFAULT 'import' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`work_id`) REFERENCES `works`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `earnings_ws_fp_uq` ON `earnings` (`workspace_id`,`fingerprint`);--> statement-breakpoint
CREATE INDEX `earnings_ws_month_idx` ON `earnings` (`workspace_id`,`month`,`platform_id`);--> statement-breakpoint
CREATE INDEX `earnings_batch_idx` ON `earnings` (`batch_id`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_size` integer NOT NULL,
	`sha256` text NOT NULL,
	`preset_id` text NOT NULL,
	`platform_id` integer,
	`encoding` text NOT NULL,
	`period_from` text,
	`period_to` text,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`rows_income` integer DEFAULT 0 NOT NULL,
	`rows_payouts` integer DEFAULT 0 NOT NULL,
	`rows_ignored` integer DEFAULT 0 NOT NULL,
	`rows_duplicate` integer DEFAULT 0 NOT NULL,
	`rows_error` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `batches_ws_idx` ON `import_batches` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `batches_sha_idx` ON `import_batches` (`workspace_id`,`sha256`);--> statement-breakpoint
CREATE TABLE `import_presets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`name` text NOT NULL,
	`definition_json` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_presets_ws_name_uq` ON `import_presets` (`workspace_id`,`name`);--> statement-breakpoint
CREATE TABLE `monthly_rollup` (
	`workspace_id` integer NOT NULL,
	`month` text NOT NULL,
	`platform_id` integer NOT NULL,
	`stream` text NOT NULL,
	`currency` text NOT NULL,
	`gross_minor` integer DEFAULT 0 NOT NULL,
	`fee_minor` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer DEFAULT 0 NOT NULL,
	`net_minor` integer DEFAULT 0 NOT NULL,
	`row_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `month`, `platform_id`, `stream`, `currency`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`batch_id` integer,
	`platform_id` integer,
	`paid_on` text NOT NULL,
	`month` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`counterparty` text,
	`description` text,
	`external_id` text,
	`fingerprint` text NOT NULL,
	`source` text DEFAULT 'import' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_ws_fp_uq` ON `payouts` (`workspace_id`,`fingerprint`);--> statement-breakpoint
CREATE INDEX `payouts_ws_month_idx` ON `payouts` (`workspace_id`,`month`,`platform_id`);--> statement-breakpoint
CREATE INDEX `payouts_batch_idx` ON `payouts` (`batch_id`);--> statement-breakpoint
CREATE TABLE `works` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`platform_id` integer NOT NULL,
	`title` text NOT NULL,
	`kind` text DEFAULT 'audiobook' NOT NULL,
	`finished_hours_centi` integer,
	`rate_minor` integer,
	`currency` text NOT NULL,
	`completed_on` text,
	`plays` integer,
	`completion_bps` integer,
	`revenue_minor` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `works_ws_idx` ON `works` (`workspace_id`,`platform_id`);