/**
 * Duplicate detection. A file is recognised by its SHA-256; a row by a fingerprint of what it
 * says (platform, kind, date, currency, amounts, ids and texts — not its line number), so an
 * overlapping statement downloaded later adds only the rows that are new. Identical rows within
 * one file are told apart by their occurrence number. The fingerprint starts with the row's date
 * so that inserts of a date-ordered file touch neighbouring index pages.
 */
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { importBatches } from '../db/schema/index';

/** Two independent 53-bit hashes of a string (cyrb53 with two seeds), together ~106 bits. */
export function hashPair(s: string): [number, number] {
	let a1 = 0xdeadbeef ^ 0x9e37;
	let a2 = 0x41c6ce57 ^ 0x9e37;
	let b1 = 0xdeadbeef ^ 0x85eb;
	let b2 = 0x41c6ce57 ^ 0x85eb;
	for (let i = 0; i < s.length; i++) {
		const ch = s.charCodeAt(i);
		a1 = Math.imul(a1 ^ ch, 2654435761);
		a2 = Math.imul(a2 ^ ch, 1597334677);
		b1 = Math.imul(b1 ^ ch, 2246822507);
		b2 = Math.imul(b2 ^ ch, 3266489909);
	}
	a1 = Math.imul(a1 ^ (a1 >>> 16), 2246822507) ^ Math.imul(a2 ^ (a2 >>> 13), 3266489909);
	a2 = Math.imul(a2 ^ (a2 >>> 16), 2246822507) ^ Math.imul(a1 ^ (a1 >>> 13), 3266489909);
	b1 = Math.imul(b1 ^ (b1 >>> 15), 2654435761) ^ Math.imul(b2 ^ (b2 >>> 12), 1597334677);
	b2 = Math.imul(b2 ^ (b2 >>> 15), 2654435761) ^ Math.imul(b1 ^ (b1 >>> 12), 1597334677);
	return [4294967296 * (2097151 & a2) + (a1 >>> 0), 4294967296 * (2097151 & b2) + (b1 >>> 0)];
}

/** The stored fingerprint: "2025-07-02|<28 hex>" (+ "#n" for the n-th identical row of a file). */
export function fingerprintText(dateKey: string, a: number, b: number, occurrence: number): string {
	const fp = `${dateKey}|${a.toString(16).padStart(14, '0')}${b.toString(16).padStart(14, '0')}`;
	return occurrence > 0 ? `${fp}#${occurrence}` : fp;
}

/** Counts repeats of a row identity within one file, cheaply (numbers, not strings, as keys). */
export class OccurrenceCounter {
	private seen = new Set<number>();
	private repeats = new Map<string, number>();
	next(a: number, b: number): number {
		if (!this.seen.has(a)) {
			this.seen.add(a);
			return 0;
		}
		const key = `${a}:${b}`;
		const n = this.repeats.get(key) ?? 0;
		this.repeats.set(key, n + 1);
		// The first repeat of a hash seen once is occurrence 1; a different row sharing `a` gets
		// an occurrence suffix too, which is harmless: the same file always numbers the same way.
		return n + 1;
	}
}

/** The batch that already imported a file with this SHA-256 into the workspace, if any. */
export function batchWithSameFile(db: DB, workspaceId: number, sha256: string): { id: number; createdAt: string; fileName: string } | undefined {
	return db
		.select({ id: importBatches.id, createdAt: importBatches.createdAt, fileName: importBatches.fileName })
		.from(importBatches)
		.where(and(eq(importBatches.workspaceId, workspaceId), eq(importBatches.sha256, sha256)))
		.get();
}
