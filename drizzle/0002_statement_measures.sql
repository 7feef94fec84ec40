ALTER TABLE `earnings` ADD `plays` integer;--> statement-breakpoint
ALTER TABLE `earnings` ADD `completion_bps` integer;--> statement-breakpoint
ALTER TABLE `earnings` ADD `hours_centi` integer;