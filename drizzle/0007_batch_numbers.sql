-- Import batches get a number per workspace (1, 2, 3…), shown instead of the global id. Existing batches
-- are numbered in the order they were made; each workspace's counter starts after its highest number.
ALTER TABLE `workspaces` ADD `batches_numbered` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `import_batches` ADD `number` integer;--> statement-breakpoint
UPDATE `import_batches` SET `number` = (SELECT COUNT(*) FROM `import_batches` b WHERE b.`workspace_id` = `import_batches`.`workspace_id` AND b.`id` <= `import_batches`.`id`);--> statement-breakpoint
UPDATE `workspaces` SET `batches_numbered` = COALESCE((SELECT MAX(b.`number`) FROM `import_batches` b WHERE b.`workspace_id` = `workspaces`.`id`), 0);--> statement-breakpoint
CREATE UNIQUE INDEX `batches_ws_number_idx` ON `import_batches` (`workspace_id`,`number`);
