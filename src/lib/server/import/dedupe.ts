/**
 * Duplicate detection. A file is recognised by its SHA-256; a row by a fingerprint of what it
 * says (platform, kind, date, currency, amounts, ids and texts — not its line number), so an
 * overlapping statement downloaded later adds only the rows that are new. Identical rows within
 * one file are told apart by their occurrence number. The fingerprint is an integer that starts
 * with the row's day, so that inserts of a date-ordered file touch neighbouring index pages.
 */
import type { Statement } from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { importBatches } from '../db/schema/index';
import { daysBetween, firstDay } from '../../domain/period';
import { KIND_INCOME, type RowStore } from './normalise';

/**
 * A streaming hash of a row's identity, fed field by field so that no identity string is built
 * per row: two 32-bit lanes mixed per character (64 bits of state). Not cryptographic: the
 * fingerprint takes 37 bits of it beside the row's day, and a row whose fingerprint is taken by a
 * different row is told apart by comparing the stored fields (see `BatchWriter` in commit.ts), so
 * a hash collision costs a lookup, never a row.
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
	/** Finish: h0 and h1 become the row's two 32-bit hash lanes (unsigned). */
	done(): this {
		let a = this.h0;
		let b = this.h1;
		a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
		b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
		a ^= b >>> 15;
		this.h0 = a >>> 0;
		this.h1 = b >>> 0;
		return this;
	}
}

/** Fingerprints hold the day in their high bits: 2^37 values of hash per day. */
const HASH_SPAN = 2 ** 37;

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' date, or of the first day of a 'YYYY-MM' month,
 * kept within 0‥65535 (1970–2149) so that a fingerprint stays a safe integer.
 */
export function dayNumber(dateKey: string): number {
	const n = daysBetween('1970-01-01', dateKey.length >= 10 ? dateKey : firstDay(dateKey));
	return Number.isFinite(n) ? Math.min(Math.max(n, 0), 65_535) : 0;
}

/**
 * The stored fingerprint of an imported row: a safe integer, day × 2^37 + 37 bits of the row's
 * hash, the n-th identical row of a file (its occurrence) shifted by n × 0x9e3779b1 in the low
 * 32 bits. The day comes first so that a date-ordered file fills neighbouring index pages; an
 * integer key keeps the unique index small (a text key made inserts of big files markedly
 * slower). Migration 0001 turns the earlier text form ("YYYY-MM-DD|<hex h0><hex h1>…#n") into
 * this one with the same arithmetic in SQL, so rows imported before still match.
 */
export function rowFingerprint(day: number, h0: number, h1: number, occurrence: number): number {
	const lo = occurrence > 0 ? (h0 + ((Math.imul(occurrence, 0x9e3779b1) >>> 0))) % 4294967296 : h0 >>> 0;
	return day * HASH_SPAN + (h1 & 31) * 4294967296 + lo;
}

/**
 * Counts repeats of a row identity (its two hash lanes) within one file. An open-addressing table
 * of 64-bit keys in two Int32Arrays: compact and fast for a million rows, where a Set would cost
 * far more.
 */
export class OccurrenceCounter {
	private lo = new Int32Array(1 << 12);
	private hi = new Int32Array(1 << 12);
	private used = new Uint8Array(1 << 12);
	private size = 0;
	private repeats = new Map<string, number>();
	private seen(a: number, b: number): boolean {
		const mask = this.used.length - 1;
		let i = (Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0x9e3779b1) >>> 0) & mask;
		for (;;) {
			if (this.used[i] === 0) {
				this.used[i] = 1;
				this.lo[i] = a;
				this.hi[i] = b;
				if (++this.size * 2 > this.used.length) this.rehash();
				return false;
			}
			if (this.lo[i] === (a | 0) && this.hi[i] === (b | 0)) return true;
			i = (i + 1) & mask;
		}
	}
	private rehash(): void {
		const { lo, hi, used } = this;
		const n = used.length * 2;
		this.lo = new Int32Array(n);
		this.hi = new Int32Array(n);
		this.used = new Uint8Array(n);
		this.size = 0;
		for (let i = 0; i < used.length; i++) if (used[i]) this.seen(lo[i], hi[i]);
	}
	/** 0 the first time a row identity is seen in the file, then 1, 2, … */
	next(h0: number, h1: number): number {
		if (!this.seen(h0, h1)) return 0;
		const key = `${h0}:${h1}`;
		const n = (this.repeats.get(key) ?? 0) + 1;
		this.repeats.set(key, n);
		return n;
	}
}

/** The batch that already imported a file with this SHA-256 into the workspace, if any: its number there (ids stay inside). */
export function batchWithSameFile(db: DB, workspaceId: number, sha256: string): { number: number; createdAt: string; fileName: string } | undefined {
	const row = db
		.select({ number: importBatches.number, createdAt: importBatches.createdAt, fileName: importBatches.fileName })
		.from(importBatches)
		.where(and(eq(importBatches.workspaceId, workspaceId), eq(importBatches.sha256, sha256)))
		.orderBy(importBatches.id)
		.get();
	return row && { ...row, number: row.number ?? 0 };
}

/** How far past its own fingerprint a row looks (a hash collision moves a row on). */
export const MAX_PROBES = 64;
/** `LedgerRows.earningAt` / `payoutAt`: no row has this fingerprint. */
export const FREE = -1;
/** `LedgerRows.earningAt` / `payoutAt`: a different row has this fingerprint (the hashes collided). */
export const OTHER = 0;

/**
 * The workspace's stored rows as seen by an import: what sits at a fingerprint, compared field by
 * field with a row of the file (platform, dates, currency, amounts, id and texts), so that a
 * duplicate is recognised exactly whatever the width of the hash.
 *
 * Known limit: a row moved up by a collision (its fingerprint held by a different row of the same
 * day, 37 bits of hash alike) is found again only while that other row stays; if the other row's
 * batch is undone and the moved row's statement imported again, the row comes in twice. That takes
 * a same-day 37-bit collision (about 1 in 10^11 per pair of rows) and then that undo.
 */
export class LedgerRows {
	private readonly findEarning: Statement;
	private readonly findPayout: Statement;

	constructor(
		db: DB,
		workspaceId: number,
		/** The platform the rows are for (null when it does not exist yet: nothing can match). */
		readonly platformId: number | null
	) {
		if (!Number.isSafeInteger(workspaceId)) throw new Error('bad workspace id');
		// The workspace is written into the statements: each lookup binds only the fingerprint.
		this.findEarning = db.$client
			.prepare(
				`SELECT id, platform_id, earned_on, month, currency, gross_minor, fee_minor, tax_minor, net_minor, external_id, description, counterparty
				 FROM earnings WHERE workspace_id = ${workspaceId} AND fingerprint = ?`
			)
			.raw();
		this.findPayout = db.$client
			.prepare(`SELECT id, platform_id, paid_on, month, currency, amount_minor, external_id, description, counterparty FROM payouts WHERE workspace_id = ${workspaceId} AND fingerprint = ?`)
			.raw();
	}

	/** FREE, OTHER, or the id of the stored earning that is row i of the store. */
	earningAt(rows: RowStore, i: number, fp: number): number {
		const found = this.findEarning.get(fp) as [number, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown] | undefined;
		if (found === undefined) return FREE;
		const [id, platformId, earnedOn, month, currency, gross, fee, tax, net, externalId, description, counterparty] = found;
		return platformId === this.platformId && earnedOn === rows.earnedOn(i) && month === rows.month(i) && currency === rows.currency(i) &&
			gross === rows.gross[i] && fee === rows.fee[i] && tax === rows.tax[i] && net === rows.net[i] &&
			externalId === rows.externalId[i] && description === rows.storedDescription(i) && counterparty === rows.counterparty[i]
			? id
			: OTHER;
	}

	/** FREE, OTHER, or the id of the stored payout that is row i of the store. */
	payoutAt(rows: RowStore, i: number, fp: number): number {
		const found = this.findPayout.get(fp) as [number, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown] | undefined;
		if (found === undefined) return FREE;
		const [id, platformId, paidOn, month, currency, amount, externalId, description, counterparty] = found;
		return platformId === this.platformId && paidOn === rows.paidOn(i) && month === rows.month(i) && currency === rows.currency(i) &&
			amount === rows.net[i] && externalId === rows.externalId[i] && description === rows.description[i] && counterparty === rows.counterparty[i]
			? id
			: OTHER;
	}

	/** Is row i of the store already in the workspace? */
	contains(rows: RowStore, i: number): boolean {
		if (this.platformId === null) return false;
		const at = rows.kind[i] === KIND_INCOME ? this.earningAt.bind(this) : this.payoutAt.bind(this);
		for (let j = 0; j < MAX_PROBES; j++) {
			const r = at(rows, i, rows.fp[i] + j);
			if (r === FREE) return false;
			if (r !== OTHER) return true;
		}
		return false;
	}
}

