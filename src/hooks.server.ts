import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/session';
import { roleCanWrite } from '$lib/server/auth/guard';
import { defaultWorkspaceOf, membership } from '$lib/server/db/queries/workspaces';
import { sessionCookieOptions, WORKSPACE_COOKIE } from '$lib/server/auth/cookies';
import { requireSignIn, sameOriginWrites } from '$lib/server/auth/access';
import { limitBodies } from '$lib/server/auth/body-limit';

/** Open the database and apply migrations at start-up, not on the first request. */
export const init: ServerInit = () => {
	getDb();
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale === 'zh' ? 'zh-CN' : locale)
		});
	});

const auth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.workspace = null;
	event.locals.sessionToken = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const db = getDb();
		const session = validateSession(db, token);
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionToken = token;
			event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, session.expiresAt));
			const wanted = Number(event.cookies.get(WORKSPACE_COOKIE));
			const ws =
				(Number.isInteger(wanted) && wanted > 0 ? membership(db, session.user.id, wanted) : undefined) ??
				defaultWorkspaceOf(db, session.user.id);
			if (ws) {
				event.locals.workspace = {
					userId: session.user.id,
					workspaceId: ws.id,
					workspaceName: ws.name,
					baseCurrency: ws.baseCurrency,
					role: ws.role,
					canWrite: roleCanWrite(ws.role)
				};
			}
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

export const handle = sequence(sameOriginWrites, i18n, auth, requireSignIn, limitBodies);
