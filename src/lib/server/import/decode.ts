/**
 * Bytes → text. A BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8 when the bytes are
 * valid UTF-8, else GB18030 (a superset of GBK, which Alipay and older Chinese exports use).
 * The user can override with any encoding iconv-lite knows. Pictures, PDFs and spreadsheets
 * are recognised by their magic bytes and refused with a clear message.
 */
import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import type { Issue } from './types';

export type SniffResult = { ok: true; encoding: string; bomLength: number } | { ok: false; issue: Issue };

const MAGIC: { bytes: number[]; what: string; code: 'binary_file' | 'spreadsheet_file' }[] = [
	{ bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG picture', code: 'binary_file' },
	{ bytes: [0xff, 0xd8, 0xff], what: 'a JPEG picture', code: 'binary_file' },
	{ bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF picture', code: 'binary_file' },
	{ bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', code: 'binary_file' },
	{ bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a spreadsheet or ZIP archive', code: 'spreadsheet_file' },
	{ bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) file', code: 'spreadsheet_file' },
	{ bytes: [0x1f, 0x8b], what: 'a gzip archive', code: 'binary_file' }
];

/** Normalise a user-given encoding name; undefined when iconv-lite does not know it. */
export function normaliseEncoding(name: string): string | undefined {
	const n = name.trim().toLowerCase().replace(/_/g, '-');
	const alias: Record<string, string> = { utf8: 'utf-8', 'utf-8-sig': 'utf-8', gbk: 'gb18030', gb2312: 'gb18030', cp936: 'gb18030', utf16le: 'utf-16le', utf16be: 'utf-16be', 'utf-16': 'utf-16le' };
	const resolved = alias[n] ?? n;
	return iconv.encodingExists(resolved) ? resolved : undefined;
}

function startsWith(head: Uint8Array, bytes: number[]): boolean {
	return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** True when these bytes are valid UTF-8 (an incomplete sequence cut off at the end is allowed). */
export function isValidUtf8(bytes: Uint8Array, complete: boolean): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
		return true;
	} catch {
		return false;
	}
}

/** Decide the encoding from the first bytes of a file (`complete`: these are all its bytes). */
export function sniffEncoding(head: Uint8Array, complete: boolean, override?: string): SniffResult {
	for (const m of MAGIC) {
		if (startsWith(head, m.bytes)) {
			return {
				ok: false,
				issue: {
					code: m.code,
					message: `This is ${m.what}, not a CSV statement. ${m.code === 'spreadsheet_file' ? 'Open it and save it as CSV first.' : 'Choose the CSV file you downloaded.'}`,
					params: { what: m.what }
				}
			};
		}
	}
	let bom = 0;
	let bomEncoding: string | undefined;
	if (startsWith(head, [0xef, 0xbb, 0xbf])) [bom, bomEncoding] = [3, 'utf-8'];
	else if (startsWith(head, [0xff, 0xfe])) [bom, bomEncoding] = [2, 'utf-16le'];
	else if (startsWith(head, [0xfe, 0xff])) [bom, bomEncoding] = [2, 'utf-16be'];
	if (override && override !== 'auto') {
		const enc = normaliseEncoding(override);
		if (!enc) return { ok: false, issue: { code: 'bad_option', message: `Unknown encoding "${override}".`, params: { value: override } } };
		return { ok: true, encoding: enc, bomLength: bomEncoding === enc ? bom : 0 };
	}
	if (bomEncoding) return { ok: true, encoding: bomEncoding, bomLength: bom };
	// UTF-16 without a BOM: every other byte is zero in mostly-ASCII text.
	const n = Math.min(head.length, 4096);
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i < n; i++) if (head[i] === 0) i % 2 === 0 ? evenZero++ : oddZero++;
	if (n >= 4 && oddZero > n / 4 && evenZero === 0) return { ok: true, encoding: 'utf-16le', bomLength: 0 };
	if (n >= 4 && evenZero > n / 4 && oddZero === 0) return { ok: true, encoding: 'utf-16be', bomLength: 0 };
	if (evenZero + oddZero > 0) {
		return { ok: false, issue: { code: 'binary_file', message: 'This file contains binary data, not CSV text.', params: { what: 'binary data' } } };
	}
	if (isValidUtf8(head, complete)) return { ok: true, encoding: 'utf-8', bomLength: 0 };
	return { ok: true, encoding: 'gb18030', bomLength: 0 };
}

/** A streaming decoder: push bytes, get text; `end()` flushes. Strict UTF-8 throws DecodeError. */
export interface TextStreamDecoder {
	write(bytes: Uint8Array): string;
	end(): string;
}

export class DecodeError extends Error {
	constructor(
		public readonly encoding: string,
		public readonly byteOffset: number
	) {
		super(`The file is not valid ${encoding} (at byte ${byteOffset}).`);
	}
}

/**
 * Whether UTF-8 bytes end on a character boundary: their last lead byte's sequence is complete.
 * False when that cannot be told from these bytes alone (no lead byte among the last four).
 */
function endsOnCharacter(b: Uint8Array): boolean {
	for (let i = b.length - 1; i >= 0 && i >= b.length - 4; i--) {
		const c = b[i];
		if (c < 0x80) return true;
		if (c >= 0xc0) {
			const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			return b.length - i >= need;
		}
	}
	return false;
}

export function createDecoder(encoding: string, skipBytes: number): TextStreamDecoder {
	let toSkip = skipBytes;
	let offset = 0;
	const skip = (bytes: Uint8Array): Uint8Array => {
		if (toSkip === 0) return bytes;
		const n = Math.min(toSkip, bytes.length);
		toSkip -= n;
		return bytes.subarray(n);
	};
	if (encoding === 'utf-8') {
		const td = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
		/** Whether the decoder holds no part of a character (the bytes given to it so far ended on a boundary). */
		let clean = true;
		return {
			write(bytes) {
				const b = skip(bytes);
				// Plain ASCII (most statements, most of the time) is its own text: no decoding to do.
				if (clean && isAscii(b)) {
					offset += b.length;
					return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
				}
				try {
					const s = td.decode(b, { stream: true });
					offset += b.length;
					clean = endsOnCharacter(b);
					return s;
				} catch {
					throw new DecodeError('UTF-8', offset);
				}
			},
			end() {
				try {
					return td.decode();
				} catch {
					throw new DecodeError('UTF-8', offset);
				}
			}
		};
	}
	const dec = iconv.getDecoder(encoding, { stripBOM: false });
	return {
		write(bytes) {
			const b = skip(bytes);
			return dec.write(Buffer.from(b.buffer, b.byteOffset, b.length));
		},
		end: () => dec.end() ?? ''
	};
}
