PRAGMA foreign_keys=OFF;--> statement-breakpoint
-- Drizzle runs migrations in one transaction, where the PRAGMA above does nothing: the copies below check every
-- foreign key. References left dangling by an earlier bug would stop the migration (and the app) for good, so they
-- are mended first: optional ones emptied, rows of a workspace or platform that no longer exists (unreachable) dropped.
UPDATE `earnings` SET batch_id = NULL WHERE batch_id IS NOT NULL AND batch_id NOT IN (SELECT id FROM import_batches);--> statement-breakpoint
UPDATE `earnings` SET work_id = NULL WHERE work_id IS NOT NULL AND work_id NOT IN (SELECT id FROM works);--> statement-breakpoint
UPDATE `earnings` SET deal_id = NULL WHERE deal_id IS NOT NULL AND deal_id NOT IN (SELECT id FROM deals);--> statement-breakpoint
DELETE FROM `earnings` WHERE workspace_id NOT IN (SELECT id FROM workspaces) OR platform_id NOT IN (SELECT id FROM platforms);--> statement-breakpoint
UPDATE `payouts` SET batch_id = NULL WHERE batch_id IS NOT NULL AND batch_id NOT IN (SELECT id FROM import_batches);--> statement-breakpoint
UPDATE `payouts` SET platform_id = NULL WHERE platform_id IS NOT NULL AND platform_id NOT IN (SELECT id FROM platforms);--> statement-breakpoint
DELETE FROM `payouts` WHERE workspace_id NOT IN (SELECT id FROM workspaces);--> statement-breakpoint
CREATE TABLE `__new_earnings` (
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
	`fingerprint` integer NOT NULL,
	`source` text DEFAULT 'import' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`work_id`) REFERENCES `works`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_earnings`("id", "workspace_id", "batch_id", "platform_id", "stream", "earned_on", "month", "work_id", "deal_id", "counterparty", "description", "gross_minor", "fee_minor", "tax_minor", "net_minor", "currency", "external_id", "fingerprint", "source", "created_at") SELECT "id", "workspace_id", "batch_id", "platform_id", "stream", "earned_on", "month", "work_id", "deal_id", "counterparty", "description", "gross_minor", "fee_minor", "tax_minor", "net_minor", "currency", "external_id", "fingerprint", "source", "created_at" FROM `earnings`;--> statement-breakpoint
-- Keep the AUTOINCREMENT counter: ids of rows deleted earlier are not handed out again.
DELETE FROM sqlite_sequence WHERE name = '__new_earnings';--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT '__new_earnings', seq FROM sqlite_sequence WHERE name = 'earnings';--> statement-breakpoint
DROP TABLE `earnings`;--> statement-breakpoint
ALTER TABLE `__new_earnings` RENAME TO `earnings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `earnings_ws_fp_uq` ON `earnings` (`workspace_id`,`fingerprint`);--> statement-breakpoint
CREATE INDEX `earnings_ws_month_idx` ON `earnings` (`workspace_id`,`month`,`platform_id`);--> statement-breakpoint
CREATE INDEX `earnings_batch_idx` ON `earnings` (`batch_id`);--> statement-breakpoint
CREATE TABLE `__new_payouts` (
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
	`fingerprint` integer NOT NULL,
	`source` text DEFAULT 'import' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_payouts`("id", "workspace_id", "batch_id", "platform_id", "paid_on", "month", "amount_minor", "currency", "status", "counterparty", "description", "external_id", "fingerprint", "source", "created_at") SELECT "id", "workspace_id", "batch_id", "platform_id", "paid_on", "month", "amount_minor", "currency", "status", "counterparty", "description", "external_id", "fingerprint", "source", "created_at" FROM `payouts`;--> statement-breakpoint
-- Keep the AUTOINCREMENT counter: ids of rows deleted earlier are not handed out again.
DELETE FROM sqlite_sequence WHERE name = '__new_payouts';--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT '__new_payouts', seq FROM sqlite_sequence WHERE name = 'payouts';--> statement-breakpoint
DROP TABLE `payouts`;--> statement-breakpoint
ALTER TABLE `__new_payouts` RENAME TO `payouts`;--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_ws_fp_uq` ON `payouts` (`workspace_id`,`fingerprint`);--> statement-breakpoint
CREATE INDEX `payouts_ws_month_idx` ON `payouts` (`workspace_id`,`month`,`platform_id`);--> statement-breakpoint
CREATE INDEX `payouts_batch_idx` ON `payouts` (`batch_id`);--> statement-breakpoint
-- The earlier counter of identical rows keyed on 32 bits, so a row that only shared that key with an earlier one
-- got "#1" (and its twins "#2"…) without a "#0" base; the new counter gives such rows 0, 1, … Shift them down.
CREATE TEMP TABLE `legacy_shift_earnings` AS SELECT e.id FROM `earnings` e
WHERE e.source = 'import' AND typeof(e.fingerprint) = 'text' AND instr(e.fingerprint, '#') > 0
	AND NOT EXISTS (SELECT 1 FROM `earnings` b WHERE b.workspace_id = e.workspace_id AND b.fingerprint = substr(e.fingerprint, 1, instr(e.fingerprint, '#') - 1));--> statement-breakpoint
-- Imported rows kept their fingerprint as text ("YYYY-MM-DD|<32 hex>[#n]"); the same arithmetic as
-- rowFingerprint() in src/lib/server/import/dedupe.ts turns it into the integer form, so that statements
-- imported before still match the rows of an overlapping statement imported now.
UPDATE OR IGNORE `earnings` SET fingerprint = min(max(CAST(julianday(CASE WHEN instr(fingerprint, '|') = 8 THEN substr(fingerprint, 1, instr(fingerprint, '|') - 1) || '-01' ELSE substr(fingerprint, 1, instr(fingerprint, '|') - 1) END) - 2440587.5 AS INTEGER), 0), 65535) * 137438953472 + (((instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 15, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 16, 1)) - 1)) & 31) * 4294967296 + (((instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 1, 1)) - 1) * 268435456 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 2, 1)) - 1) * 16777216 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 3, 1)) - 1) * 1048576 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 4, 1)) - 1) * 65536 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 5, 1)) - 1) * 4096 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 6, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 7, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 8, 1)) - 1) * 1) + (CASE WHEN instr(fingerprint, '#') > 0 THEN CAST(substr(fingerprint, instr(fingerprint, '#') + 1) AS INTEGER) - (id IN (SELECT id FROM temp.`legacy_shift_earnings`)) ELSE 0 END) * 2654435761) % 4294967296
WHERE source = 'import' AND typeof(fingerprint) = 'text' AND (fingerprint GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]*' OR fingerprint GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]|[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]*');--> statement-breakpoint
-- The earlier counter of identical rows keyed on 32 bits, so a row that only shared that key with an earlier one
-- got "#1" (and its twins "#2"…) without a "#0" base; the new counter gives such rows 0, 1, … Shift them down.
CREATE TEMP TABLE `legacy_shift_payouts` AS SELECT e.id FROM `payouts` e
WHERE e.source = 'import' AND typeof(e.fingerprint) = 'text' AND instr(e.fingerprint, '#') > 0
	AND NOT EXISTS (SELECT 1 FROM `payouts` b WHERE b.workspace_id = e.workspace_id AND b.fingerprint = substr(e.fingerprint, 1, instr(e.fingerprint, '#') - 1));--> statement-breakpoint
-- Imported rows kept their fingerprint as text ("YYYY-MM-DD|<32 hex>[#n]"); the same arithmetic as
-- rowFingerprint() in src/lib/server/import/dedupe.ts turns it into the integer form, so that statements
-- imported before still match the rows of an overlapping statement imported now.
UPDATE OR IGNORE `payouts` SET fingerprint = min(max(CAST(julianday(CASE WHEN instr(fingerprint, '|') = 8 THEN substr(fingerprint, 1, instr(fingerprint, '|') - 1) || '-01' ELSE substr(fingerprint, 1, instr(fingerprint, '|') - 1) END) - 2440587.5 AS INTEGER), 0), 65535) * 137438953472 + (((instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 15, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 16, 1)) - 1)) & 31) * 4294967296 + (((instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 1, 1)) - 1) * 268435456 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 2, 1)) - 1) * 16777216 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 3, 1)) - 1) * 1048576 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 4, 1)) - 1) * 65536 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 5, 1)) - 1) * 4096 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 6, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 7, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(fingerprint, instr(fingerprint, '|') + 8, 1)) - 1) * 1) + (CASE WHEN instr(fingerprint, '#') > 0 THEN CAST(substr(fingerprint, instr(fingerprint, '#') + 1) AS INTEGER) - (id IN (SELECT id FROM temp.`legacy_shift_payouts`)) ELSE 0 END) * 2654435761) % 4294967296
WHERE source = 'import' AND typeof(fingerprint) = 'text' AND (fingerprint GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]*' OR fingerprint GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]|[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]*');--> statement-breakpoint
DROP TABLE temp.`legacy_shift_earnings`;--> statement-breakpoint
DROP TABLE temp.`legacy_shift_payouts`;
