/**
 * The streaming UTF-8 decoder: plain ASCII pieces skip the decoder, and however a file is cut into
 * pieces (a character split between two of them, ASCII pieces around it) the text is the file's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder, DecodeError } from './decode';

function decodeInPieces(bytes: Uint8Array, cuts: number[], skip = 0): string {
	const d = createDecoder('utf-8', skip);
	let out = '';
	let at = 0;
	for (const cut of [...cuts].sort((a, b) => a - b)) {
		out += d.write(bytes.subarray(at, cut));
		at = cut;
	}
	out += d.write(bytes.subarray(at));
	return out + d.end();
}

const TEXTS = ['date,description\n', '2024-05-01,打赏 · 《盐的档案》\n', 'Fan 🎧 club\n', 'Café\n', 'x'.repeat(40), '\n'];

describe('createDecoder (UTF-8)', () => {
	it('gives the text back whatever the pieces, ASCII ones included', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...TEXTS), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, rawCuts) => {
				const text = parts.join('');
				const bytes = new TextEncoder().encode(text);
				const cuts = rawCuts.map((c) => c % (bytes.length + 1));
				expect(decodeInPieces(bytes, cuts)).toBe(text);
			}),
			{ numRuns: 500 }
		);
	});

	it('a character cut in three pieces, with an ASCII piece after it', () => {
		const bytes = new TextEncoder().encode('a🎧b');
		// 'a', the emoji's first two bytes, its last two, then 'b' alone (plain ASCII).
		expect(decodeInPieces(bytes, [1, 3, 5])).toBe('a🎧b');
		expect(decodeInPieces(bytes, [2, 3, 4, 5])).toBe('a🎧b');
	});

	it('skips a BOM across pieces', () => {
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('id,net\n1,2\n')]);
		expect(decodeInPieces(bytes, [1, 2, 5], 3)).toBe('id,net\n1,2\n');
	});

	it('still refuses bytes that are not UTF-8 after ASCII pieces, at the right offset', () => {
		const bytes = new Uint8Array([...new TextEncoder().encode('abc\n'), 0xff, 0x41]);
		const d = createDecoder('utf-8', 0);
		expect(d.write(bytes.subarray(0, 4))).toBe('abc\n');
		let error: unknown;
		try {
			d.write(bytes.subarray(4));
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DecodeError);
		expect((error as DecodeError).byteOffset).toBe(4);
	});

	it('a character left unfinished before a plain ASCII piece is refused there, not passed over', () => {
		const d = createDecoder('utf-8', 0);
		expect(d.write(new Uint8Array([0x61, 0xe4]))).toBe('a');
		expect(() => d.write(new TextEncoder().encode('bc'))).toThrow(DecodeError);
	});

	it('a file that ends inside a character is refused at the end', () => {
		const bytes = new TextEncoder().encode('ab中');
		const d = createDecoder('utf-8', 0);
		d.write(bytes.subarray(0, 3));
		expect(() => d.end()).toThrow(DecodeError);
	});
});
