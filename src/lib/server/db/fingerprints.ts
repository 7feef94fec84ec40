/**
 * Fingerprints of rows that have a key of their own instead of a statement line: computed
 * earnings ("computed:work:12:fee") and the sample workspace's rows. They share the unique
 * (workspace_id, fingerprint) index with imported rows, whose fingerprints are ≥ 0 (day × 2^37 +
 * row hash, see import/dedupe.ts); keyed rows take negative numbers, so the two never meet.
 */

/** A negative safe integer from a text key (two 32-bit FNV-1a-style lanes, 52 bits kept). */
export function keyFingerprint(key: string): number {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ key.length;
	for (let i = 0; i < key.length; i++) {
		const c = key.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x5bd1e995) ^ (a >>> 13);
	}
	a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) >>> 0;
	b = Math.imul(b ^ (b >>> 15), 0xc2b2ae35) >>> 0;
	return -((b & 0xfffff) * 4294967296 + a) - 1;
}
