/** Cookie settings for the session: HttpOnly, SameSite=Lax, Secure when the origin is https. */
import { env } from '../env';

export function sessionCookieOptions(url: URL, expiresAt: number) {
	const secure = (env.origin ?? url.origin).startsWith('https:');
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, expires: new Date(expiresAt) };
}

/** Remembers the current workspace per browser; always re-checked against membership. */
export const WORKSPACE_COOKIE = 'cl_ws';

/** The remembered workspace outlives sessions (a year); it is only a preference, checked on every request. */
export function workspaceCookieOptions(url: URL) {
	const secure = (env.origin ?? url.origin).startsWith('https:');
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: 365 * 86_400 };
}
