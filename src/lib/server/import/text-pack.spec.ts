/**
 * Text packs: what goes in comes out, for any slice of a column, with nulls kept apart from empty
 * texts, and with a work's title put before a line's text when the row has one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packTexts, unpackTexts } from './text-pack';

const SEPARATOR = ' · ';
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

	it('puts the text before each value when the row has one, else keeps the value (nulls stay null)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(text, text), { maxLength: 40 }),
				fc.nat(),
				(pairs, a) => {
					const values = pairs.map(([v]) => v);
					const before = pairs.map(([, w]) => w);
					const from = pairs.length ? a % pairs.length : 0;
					const expected = pairs.slice(from).map(([v, w]) => (w !== null && v !== null ? `${w}${SEPARATOR}${v}` : (w ?? v)));
					expect(unpackTexts(packTexts(values, from, values.length, { texts: before, separator: SEPARATOR }))).toEqual(expected);
				}
			)
		);
	});

	it.each([
		['no titles in the slice, one outside it', [null, null, 'Title'], ['a', null, 'c'], 0, 2, ['a', null]],
		['a title in the slice', [null, 'Book', null], ['a', 'b', null], 0, 3, ['a', `Book${SEPARATOR}b`, null]],
		['a title alone', ['Book'], [null], 0, 1, ['Book']]
	])('%s', (_name, titles, values, from, to, expected) => {
		expect(unpackTexts(packTexts(values, from, to, { texts: titles, separator: SEPARATOR }))).toEqual(expected);
	});
});
