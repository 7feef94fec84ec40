/** The main navigation: one list, so the header, tests and docs agree on what exists. */
import { m } from '$lib/paraglide/messages.js';

export interface NavItem {
	href: string;
	label: () => string;
}

export const navItems: NavItem[] = [
	{ href: '/', label: m.nav_dashboard },
	{ href: '/import', label: m.nav_import },
	{ href: '/platforms', label: m.nav_platforms },
	{ href: '/works', label: m.nav_works },
	{ href: '/deals', label: m.nav_deals },
	{ href: '/payouts', label: m.nav_payouts },
	{ href: '/compare', label: m.nav_compare },
	{ href: '/reports', label: m.nav_reports },
	{ href: '/settings', label: m.nav_settings }
];

export function isCurrent(pathname: string, href: string): boolean {
	return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}
