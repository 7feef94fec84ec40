/**
 * Uploaded statements wait on disk between the preview and the commit (two requests), under a
 * random token bound to the workspace and user who uploaded them; the commit re-runs the same
 * analysis on the same bytes, so what is written is exactly what was previewed. Stale uploads
 * (older than a day) are swept on every new upload.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/**
 * The folder uploads wait in: `creator-ledger-uploads` in the system's temporary folder when it is
 * this process's own and private (another account on the machine could create it first and read or
 * swap what waits there), else a private folder of its own made for this process.
 */
function uploadsRoot(): string {
	const shared = path.join(os.tmpdir(), 'creator-ledger-uploads');
	try {
		fs.mkdirSync(shared, { recursive: true, mode: 0o700 });
		const st = fs.lstatSync(shared);
		const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
		if (st.isDirectory() && mine && (st.mode & 0o077) === 0) return shared;
	} catch {
		// fall through to a folder of our own
	}
	return fs.mkdtempSync(path.join(os.tmpdir(), 'creator-ledger-uploads-'));
}

let rootDir: string | undefined;

/** Decided on first use, so a server that never takes an upload never touches the folder. */
function root(): string {
	return (rootDir ??= uploadsRoot());
}
const MAX_AGE_MS = 24 * 3600 * 1000;

export interface StashedFile {
	index: number;
	name: string;
	size: number;
	path: string;
}

interface Meta {
	workspaceId: number;
	userId: number;
	files: { name: string; size: number }[];
}

function sweep(): void {
	if (!fs.existsSync(root())) return;
	const now = Date.now();
	for (const d of fs.readdirSync(root())) {
		const p = path.join(root(), d);
		try {
			if (now - fs.statSync(p).mtimeMs > MAX_AGE_MS) fs.rmSync(p, { recursive: true, force: true });
		} catch {
			// another request may be sweeping the same folder
		}
	}
}

/** Store uploaded files; returns the token that finds them again. */
export async function stashUploads(workspaceId: number, userId: number, files: File[]): Promise<string> {
	sweep();
	const token = crypto.randomBytes(16).toString('hex');
	const dir = path.join(root(), token);
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	const meta: Meta = { workspaceId, userId, files: [] };
	for (let i = 0; i < files.length; i++) {
		const f = files[i];
		// Streamed to disk: the form already holds the file, so no second copy in memory.
		await pipeline(Readable.fromWeb(f.stream() as WebReadableStream<Uint8Array>), fs.createWriteStream(path.join(dir, String(i)), { mode: 0o600 }));
		meta.files.push({ name: path.basename(f.name || `statement-${i + 1}.csv`), size: f.size });
	}
	fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
	return token;
}

/** The stashed files of a token, only for the workspace and user that uploaded them. */
export function stashedFiles(token: string, workspaceId: number, userId: number): StashedFile[] | undefined {
	if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
	const dir = path.join(root(), token);
	try {
		const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as Meta;
		if (meta.workspaceId !== workspaceId || meta.userId !== userId) return undefined;
		return meta.files.map((f, index) => ({ index, name: f.name, size: f.size, path: path.join(dir, String(index)) }));
	} catch {
		return undefined;
	}
}

/** Removes a token's uploads (after the commit, or when the user starts over). */
export function discardUploads(token: string): void {
	if (/^[0-9a-f]{32}$/.test(token)) fs.rmSync(path.join(root(), token), { recursive: true, force: true });
}
