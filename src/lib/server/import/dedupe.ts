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

/**
 * A streaming 128-bit hash (four 32-bit lanes, murmur-style mixing) of a row's identity, fed
 * field by field so that no identity string is built per row. Not cryptographic: it only has to
 * tell rows apart (≈ 2^-100 chance of two different rows colliding).
 */
export class RowHasher {
	h0 = 0;
	h1 = 0;
	h2 = 0;
	h3 = 0;
	reset(seed: number): this {
		this.h0 = 0x9e3779b1 ^ seed;
		this.h1 = 0x85ebca77 ^ seed;
		this.h2 = 0xc2b2ae3d ^ seed;
		this.h3 = 0x27d4eb2f ^ seed;
		return this;
	}
	private mix(x: number): void {
		this.h0 = Math.imul(this.h0 ^ x, 2654435761);
		this.h1 = Math.imul(this.h1 ^ x, 1597334677);
		this.h2 = Math.imul(this.h2 ^ x, 2246822507);
		this.h3 = Math.imul(this.h3 ^ x, 3266489909);
		this.h0 ^= this.h3 >>> 15;
		this.h1 ^= this.h0 >>> 13;
		this.h2 ^= this.h1 >>> 16;
		this.h3 ^= this.h2 >>> 11;
	}
	str(s: string | null): this {
		if (s === null) {
			this.mix(0x7fffffff);
			return this;
		}
		for (let i = 0; i < s.length; i++) this.mix(s.charCodeAt(i));
		this.mix(0x1f);
		return this;
	}
	num(n: number): this {
		this.mix(n | 0);
		this.mix(Math.floor(n / 4294967296) | 0);
		return this;
	}
	/** Finish; writes the four lanes into `out` at `at`. */
	done(out: Uint32Array, at: number): void {
		let a = this.h0, b = this.h1, c = this.h2, d = this.h3;
		for (let r = 0; r < 2; r++) {
			a = Math.imul(a ^ (b >>> 16), 2246822507);
			b = Math.imul(b ^ (c >>> 13), 3266489909);
			c = Math.imul(c ^ (d >>> 16), 2654435761);
			d = Math.imul(d ^ (a >>> 13), 1597334677);
		}
		out[at] = a >>> 0;
		out[at + 1] = b >>> 0;
		out[at + 2] = c >>> 0;
		out[at + 3] = d >>> 0;
	}
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(x: number): string {
	return HEX[x >>> 24] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
}

/** The stored fingerprint: "2025-07-02|<32 hex>" (+ "#n" for the n-th identical row of a file). */
export function fingerprintText(dateKey: string, lanes: Uint32Array, at: number, occurrence: number): string {
	const fp = `${dateKey}|${hex32(lanes[at])}${hex32(lanes[at + 1])}${hex32(lanes[at + 2])}${hex32(lanes[at + 3])}`;
	return occurrence > 0 ? `${fp}#${occurrence}` : fp;
}

/** Counts repeats of a row identity within one file, cheaply (numbers, not strings, as keys). */
export class OccurrenceCounter {
	private seen = new Set<number>();
	private repeats = new Map<string, number>();
	next(lanes: Uint32Array, at: number): number {
		const key = lanes[at] & 0x3fffffff; // a small integer key keeps the set compact
		if (!this.seen.has(key)) {
			this.seen.add(key);
			return 0;
		}
		// A different row sharing the 30-bit key gets an occurrence suffix too, which is harmless:
		// the same file always numbers its rows the same way.
		const full = `${lanes[at]}:${lanes[at + 1]}:${lanes[at + 2]}:${lanes[at + 3]}`;
		const n = (this.repeats.get(full) ?? 0) + 1;
		this.repeats.set(full, n);
		return n;
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
