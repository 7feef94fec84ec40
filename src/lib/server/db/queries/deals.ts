/**
 * What a brand deal's payment comes to, as SQL over `deals d`: the net of the deal's earnings (tax
 * withheld taken off), else, with none, the agreed amount. The payouts page's received deal payments
 * (metrics/queries.ts `paidDeals`) and the room left in an imported payout (payouts/edit.ts) both read
 * it here; payouts/cash.ts applies the same rule to the earnings it has already loaded.
 */
export const DEAL_NET_SQL = `COALESCE((SELECT SUM(e.net_minor) FROM earnings e WHERE e.workspace_id = d.workspace_id AND e.deal_id = d.id), d.amount_minor)`;
