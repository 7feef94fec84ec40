/**
 * The sign-in wall. Every request except the public paths needs a session: without one, pages and
 * endpoints redirect to /login (or to /signup while no account exists yet, i.e. on first run).
 * Runs after the session handle in hooks.server.ts, because it reads `locals.user`.
 */
import { redirect, type Handle } from '@sveltejs/kit';
import { getDb } from '../db/index';
import { userCount } from './accounts';

/** Paths anyone may request. Static files are served before hooks run; `/_app/` is listed for dev. */
export function isPublicPath(pathname: string): boolean {
	return (
		pathname === '/login' ||
		pathname === '/signup' ||
		pathname === '/health' ||
		// The language switch only sets a cookie; the sign-in pages offer it too.
		pathname === '/locale' ||
		pathname.startsWith('/_app/') ||
		pathname === '/favicon.ico' ||
		pathname === '/favicon.png' ||
		pathname === '/favicon.svg' ||
		pathname === '/robots.txt'
	);
}

// Once an account exists it never stops existing (users are not deleted), so stop asking.
let someoneSignedUp = false;

function hasAnyUser(): boolean {
	someoneSignedUp ||= userCount(getDb()) > 0;
	return someoneSignedUp;
}

export const requireSignIn: Handle = ({ event, resolve }) => {
	if (event.locals.user || isPublicPath(event.url.pathname)) return resolve(event);
	if (!hasAnyUser()) redirect(303, '/signup');
	const here = event.url.pathname + event.url.search;
	redirect(303, here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`);
};

/** The origin `safeNext` resolves against: any fixed one does, it only has to stay the same. */
const HERE = 'http://here.invalid';

/**
 * A `next` target is only followed when it is a path on this site (no open redirects). Browsers
 * drop tabs and line breaks from a Location and read `\\` as `/`, so `/\t/evil.example` would
 * leave the site: such characters are refused outright, and what is left must resolve to this
 * origin. The path is returned as the URL parser spells it.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
	if (!next || next[0] !== '/' || /[\s\\\u0000-\u001f\u007f]/.test(next)) return fallback;
	try {
		const url = new URL(next, HERE);
		if (url.origin !== HERE) return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}

/**
 * A write from another site is refused whatever its content type. SvelteKit checks the Origin of
 * form posts only; a POST with no content type (a sign-out fired from another page) passed. Requests
 * without an Origin header (scripts, the command line) are not browsers acting for someone else.
 */
export const sameOriginWrites: Handle = ({ event, resolve }) => {
	const method = event.request.method;
	if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
		const origin = event.request.headers.get('origin');
		if (origin !== null && origin !== event.url.origin) return new Response('Cross-site request refused. 拒绝跨站请求。', { status: 403 });
	}
	return resolve(event);
};
