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

const ROOT = path.join(os.tmpdir(), 'creator-ledger-uploads');
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
	if (!fs.existsSync(ROOT)) return;
	const now = Date.now();
	for (const d of fs.readdirSync(ROOT)) {
		const p = path.join(ROOT, d);
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
	const dir = path.join(ROOT, token);
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	const meta: Meta = { workspaceId, userId, files: [] };
	for (let i = 0; i < files.length; i++) {
		const f = files[i];
		fs.writeFileSync(path.join(dir, String(i)), new Uint8Array(await f.arrayBuffer()));
		meta.files.push({ name: path.basename(f.name || `statement-${i + 1}.csv`), size: f.size });
	}
	fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
	return token;
}

/** The stashed files of a token, only for the workspace and user that uploaded them. */
export function stashedFiles(token: string, workspaceId: number, userId: number): StashedFile[] | undefined {
	if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
	const dir = path.join(ROOT, token);
	try {
		const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as Meta;
		if (meta.workspaceId !== workspaceId || meta.userId !== userId) return undefined;
		return meta.files.map((f, index) => ({ index, name: f.name, size: f.size, path: path.join(dir, String(index)) }));
	} catch {
		return undefined;
	}
}

export function discardUploads(token: string): void {
	if (/^[0-9a-f]{32}$/.test(token)) fs.rmSync(path.join(ROOT, token), { recursive: true, force: true });
}
