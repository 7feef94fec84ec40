-- A deal's link to the imported payout that holds its payment (deals.paid_payout_id). drizzle-kit writes this
-- ALTER without the ON DELETE action; SQLite accepts it on ADD COLUMN, so undoing the payout's batch clears the link.
ALTER TABLE `deals` ADD `paid_payout_id` integer REFERENCES payouts(id) ON DELETE set null;
