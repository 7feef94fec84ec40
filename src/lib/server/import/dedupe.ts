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
 * A streaming hash of a row's identity, fed field by field so that no identity string is built
 * per row: two 32-bit lanes mixed per character (64 bits of state), spread into four output lanes
 * at the end. Not cryptographic; it only has to tell a workspace's rows apart (for a million rows
 * the chance that two different ones collide is about 3 in 100 million).
 */
export class RowHasher {
	h0 = 0;
	h1 = 0;
	reset(seed: number): this {
		this.h0 = 0x9e3779b1 ^ seed;
		this.h1 = 0x85ebca77 ^ Math.imul(seed, 0x27d4eb2f);
		return this;
	}
	str(s: string | null): this {
		let a = this.h0;
		let b = this.h1;
		if (s === null) {
			a = Math.imul(a ^ 0x7fffffff, 2654435761);
			b = Math.imul(b ^ 0x7fffffff, 1597334677);
		} else {
			for (let i = 0; i < s.length; i++) {
				const ch = s.charCodeAt(i);
				a = Math.imul(a ^ ch, 2654435761);
				b = Math.imul(b ^ ch, 1597334677);
				b ^= a >>> 15;
			}
			a = Math.imul(a ^ 0x1f, 2654435761);
			b = Math.imul(b ^ s.length, 1597334677);
		}
		this.h0 = a ^ (b >>> 13);
		this.h1 = b;
		return this;
	}
	num(n: number): this {
		const lo = n | 0;
		const hi = Math.floor(n / 4294967296) | 0;
		this.h0 = Math.imul(this.h0 ^ lo, 2246822507) ^ (this.h1 >>> 16);
		this.h1 = Math.imul(this.h1 ^ hi, 3266489909) ^ (this.h0 >>> 13);
		return this;
	}
	/** Finish; writes four 32-bit lanes into `out` at `at`. */
	done(out: Uint32Array, at: number): void {
		let a = this.h0;
		let b = this.h1;
		a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
		b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
		a ^= b >>> 15;
		out[at] = a >>> 0;
		out[at + 1] = b >>> 0;
		out[at + 2] = Math.imul(a ^ (b >>> 11), 0x85ebca6b) >>> 0;
		out[at + 3] = Math.imul(b ^ (a >>> 7), 0xc2b2ae35) >>> 0;
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

/**
 * Counts repeats of a row identity within one file. An open-addressing table of 32-bit keys in an
 * Int32Array: compact and fast for a million rows, where a Set would cost far more.
 */
export class OccurrenceCounter {
	private table = new Int32Array(1 << 12);
	private size = 0;
	private repeats = new Map<string, number>();
	private seen(key: number): boolean {
		// Keys are stored + 1 so that 0 means empty.
		const k = (key | 0) === -1 ? 1 : (key | 0) + 1;
		const mask = this.table.length - 1;
		let i = Math.imul(k, 0x9e3779b1) >>> 0 & mask;
		for (;;) {
			const v = this.table[i];
			if (v === 0) {
				this.table[i] = k;
				if (++this.size * 2 > this.table.length) this.rehash();
				return false;
			}
			if (v === k) return true;
			i = (i + 1) & mask;
		}
	}
	private rehash(): void {
		const old = this.table;
		this.table = new Int32Array(old.length * 2);
		const mask = this.table.length - 1;
		for (const k of old) {
			if (k === 0) continue;
			let i = Math.imul(k, 0x9e3779b1) >>> 0 & mask;
			while (this.table[i] !== 0) i = (i + 1) & mask;
			this.table[i] = k;
		}
	}
	next(lanes: Uint32Array, at: number): number {
		if (!this.seen(lanes[at] ^ lanes[at + 1])) return 0;
		// A different row sharing the 32-bit key gets an occurrence suffix too, which is harmless:
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
