/**
 * Request bodies are held in memory while a form is read, and the Node adapter's own limit
 * (BODY_SIZE_LIMIT, set by `npm start` just above MAX_UPLOAD_MB so statements fit) covers every
 * route alike. This handle holds every other route to what a form needs, before any body is read:
 * only a signed-in user posting to a page that takes files may send an upload's worth, and a body
 * of unknown length (chunked) is refused where a form is expected. Anyone could otherwise make the
 * sign-in page buffer 100 MB per request.
 */
import type { Handle } from '@sveltejs/kit';
import { env } from '../env';

/** What a form without files may send: far above any of ours, far below an upload. */
export const FORM_LIMIT_BYTES = 1024 * 1024;

/** Pages whose form actions take files: statements, works CSV, workspace file. */
const UPLOAD_PATHS = new Set(['/import', '/works', '/settings/workspace-file']);

/** Room for the form's other fields and the multipart framing around the files. */
const MULTIPART_SLACK_BYTES = 1024 * 1024;

/** The largest body a request may carry, or null when it may carry no body of unknown length. */
export function bodyLimit(pathname: string, signedIn: boolean, maxUploadMb: number): { bytes: number; unknownLength: boolean } {
	if (signedIn && UPLOAD_PATHS.has(pathname)) return { bytes: maxUploadMb * 1024 * 1024 + MULTIPART_SLACK_BYTES, unknownLength: true };
	return { bytes: FORM_LIMIT_BYTES, unknownLength: false };
}

/** Why a body was refused, or null when it may be read. */
export function refuseBody(method: string, headers: Headers, hasBody: boolean, limit: { bytes: number; unknownLength: boolean }): 411 | 413 | null {
	if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
	const length = headers.get('content-length');
	if (length === null) return hasBody && !limit.unknownLength ? 411 : null;
	const n = Number(length);
	return Number.isFinite(n) && n <= limit.bytes ? null : 413;
}

export const limitBodies: Handle = ({ event, resolve }) => {
	const limit = bodyLimit(event.url.pathname, event.locals.user !== null, env.maxUploadMb);
	const refused = refuseBody(event.request.method, event.request.headers, event.request.body !== null, limit);
	if (refused === null) return resolve(event);
	const mb = Math.round(limit.bytes / (1024 * 1024));
	const text = refused === 413 ? `Request too large (at most ${mb} MB here). 请求内容过大（此处最多 ${mb} MB）。` : 'A request body needs its length. 请求内容须注明长度。';
	return new Response(text, { status: refused, headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
