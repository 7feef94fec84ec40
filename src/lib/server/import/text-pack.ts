/**
 * A column of texts (or nulls) as one buffer: int32 count, int32 length of each text in UTF-16
 * code units (−1 for null), then the texts' UTF-16LE code units one after the other. It is how a
 * chunk's texts cross from the parse worker to the writer (one transferable buffer instead of
 * thousands of cloned strings) and what the cl_rows SQLite extension reads (native/cl_rows.c).
 * Lengths in code units make packing a join and unpacking a substring: no text is ever measured
 * in bytes, and a lone surrogate survives the trip unchanged.
 */

/**
 * Pack values[from‥to). With `before`, each text is join(before[i], values[i]) where before[i] is
 * not null (how the ledger stores a work's title and a line's text in one: storedDescriptionOf); a
 * slice with no `before` text is packed as it is.
 */
export function packTexts(
	values: readonly (string | null)[],
	from = 0,
	to = values.length,
	before?: { texts: readonly (string | null)[]; join: (before: string, value: string | null) => string | null }
): Uint8Array<ArrayBuffer> {
	const n = to - from;
	const head = new Int32Array(n + 1);
	head[0] = n;
	let units = 0;
	let joined: string;
	let combined = false;
	if (before) for (let k = from; k < to && !combined; k++) combined = before.texts[k] !== null;
	if (!combined) {
		for (let k = 0; k < n; k++) {
			const v = values[from + k];
			if (v === null) head[k + 1] = -1;
			else {
				head[k + 1] = v.length;
				units += v.length;
			}
		}
		// join() writes a null as nothing, which is what the pack holds for it.
		joined = from === 0 && to === values.length ? values.join('') : values.slice(from, to).join('');
	} else {
		const b = before!;
		const parts: string[] = new Array(n);
		for (let k = 0; k < n; k++) {
			const w = b.texts[from + k];
			const v = w === null ? values[from + k] : b.join(w, values[from + k]);
			if (v === null) {
				head[k + 1] = -1;
				parts[k] = '';
			} else {
				head[k + 1] = v.length;
				parts[k] = v;
				units += v.length;
			}
		}
		joined = parts.join('');
	}
	const out = new Uint8Array(4 * (n + 1) + 2 * units);
	out.set(new Uint8Array(head.buffer), 0);
	if (units > 0) Buffer.from(out.buffer).write(joined, 4 * (n + 1), 'utf16le');
	return out;
}

/** The texts of a pack, in order. Throws on a pack whose lengths do not add up to its size. */
export function unpackTexts(pack: Uint8Array): (string | null)[] {
	const bytes = Buffer.from(pack.buffer, pack.byteOffset, pack.byteLength);
	if (bytes.length < 4) throw new Error('Text pack too short.');
	const n = bytes.readInt32LE(0);
	const at = 4 * (n + 1);
	if (n < 0 || at > bytes.length) throw new Error('Text pack with a bad count.');
	let units = 0;
	for (let k = 0; k < n; k++) {
		const len = bytes.readInt32LE(4 * (k + 1));
		if (len < -1) throw new Error('Text pack with a bad length.');
		if (len > 0) units += len;
	}
	if (at + 2 * units !== bytes.length) throw new Error('Text pack whose lengths do not match its size.');
	const all = bytes.toString('utf16le', at);
	const out: (string | null)[] = new Array(n);
	let pos = 0;
	for (let k = 0; k < n; k++) {
		const len = bytes.readInt32LE(4 * (k + 1));
		if (len < 0) out[k] = null;
		else {
			out[k] = all.slice(pos, pos + len);
			pos += len;
		}
	}
	return out;
}
