/**
 * Text packs: what goes in comes out, for any slice of a column, with nulls kept apart from empty
 * texts, and with a work's title put before a line's text when the row has one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storedDescriptionOf } from '../../domain/work-statements';
import { packTexts, unpackTexts } from './text-pack';

/** Texts as statements bring them: ASCII, CJK, emoji (surrogate pairs), empty, or none. */
const text = fc.oneof(fc.constant(null), fc.constant(''), fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('打赏', 'Fan 🎧 club', 'Café'));

describe('packTexts', () => {
	it('unpacks to the slice it was given', () => {
		fc.assert(
			fc.property(fc.array(text, { maxLength: 40 }), fc.nat(), fc.nat(), (values, a, b) => {
				const from = values.length ? a % (values.length + 1) : 0;
				const to = from + (values.length ? b % (values.length - from + 1) : 0);
				expect(unpackTexts(packTexts(values, from, to))).toEqual(values.slice(from, to));
			})
		);
	});

	it('joins the text before each value with it when the row has one, else keeps the value (nulls stay null)', () => {
		// A join that shows which two texts it was given, in which order.
		const join = (w: string, v: string | null) => `[${w}|${v ?? 'null'}]`;
		fc.assert(
			fc.property(
				fc.array(fc.tuple(text, text), { maxLength: 40 }),
				fc.nat(),
				(pairs, a) => {
					const values = pairs.map(([v]) => v);
					const before = pairs.map(([, w]) => w);
					const from = pairs.length ? a % pairs.length : 0;
					const expected = pairs.slice(from).map(([v, w]) => (w === null ? v : join(w, v)));
					expect(unpackTexts(packTexts(values, from, values.length, { texts: before, join }))).toEqual(expected);
				}
			)
		);
	});

	it('round-trips texts, nulls, empty texts and lone surrogates, for any slice', () => {
		const values = ['a', null, '', '中文 · 🎧', '\uD800', 'x\uDC00y', null, 'end'];
		expect(unpackTexts(packTexts(values))).toEqual(values);
		expect(unpackTexts(packTexts(values, 2, 6))).toEqual(values.slice(2, 6));
		expect(unpackTexts(packTexts([]))).toEqual([]);
	});

	it.each([
		['titles before texts, a title alone', 0, 4, ['盐的档案 · Credit', 'Tip', '夜航船', null]],
		['a slice', 1, 3, ['Tip', '夜航船']],
		['a slice without titles (one outside it)', 1, 2, ['Tip']]
	])('as the ledger stores them: %s', (_name, from, to, expected) => {
		const titles = ['盐的档案', null, '夜航船', null];
		const texts = ['Credit', 'Tip', null, null];
		expect(unpackTexts(packTexts(texts, from, to, { texts: titles, join: storedDescriptionOf }))).toEqual(expected);
	});

	it('a pack whose lengths do not match its size is refused, not misread', () => {
		const pack = packTexts(['ab', 'cd']);
		expect(() => unpackTexts(pack.subarray(0, pack.length - 2))).toThrow(/do not match/);
		expect(() => unpackTexts(new Uint8Array(new Int32Array([1, -3]).buffer))).toThrow(/bad length/);
		expect(() => unpackTexts(new Uint8Array(new Int32Array([9]).buffer))).toThrow(/bad count/);
	});
});
