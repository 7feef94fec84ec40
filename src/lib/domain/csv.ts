/**
 * CSV writing for exports: RFC 4180 (CRLF line ends; a field with a comma, quote, CR or LF is
 * quoted, quotes doubled) plus formula-injection neutralisation, because an exported statement line
 * ("=HYPERLINK(...)" as a video title) must never run as a formula when opened in a spreadsheet.
 *
 * The rule (OWASP "CSV injection"): a TEXT cell whose first character — or first character after
 * leading spaces — is `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe,
 * which spreadsheets show as text. Numbers are not text: a JS number, or an `{ amount }` cell whose
 * string is a plain decimal we produced (`-12.50`, matched by /^-?\d+(\.\d+)?$/), is written as-is
 * so a refund stays a negative number. An `{ amount }` that is not a plain decimal is treated as
 * text. Example: ['=1+1', { amount: '-12.50' }, '-12.50'] → `'=1+1,-12.50,'-12.50`.
 */

/** A cell: text (neutralised), a number, an amount we formatted (decimal string), or empty. */
export type CsvCell = string | number | { amount: string } | null | undefined;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** Does this text cell look like the start of a formula to a spreadsheet? */
export function isFormulaLike(text: string): boolean {
	if (text.length === 0) return false;
	if (FORMULA_START.has(text[0])) return true;
	const trimmed = text.replace(/^ +/, '');
	return trimmed.length > 0 && trimmed.length < text.length && FORMULA_START.has(trimmed[0]);
}

/** The text a spreadsheet should show for a text cell: an apostrophe in front of a formula-like value. */
export function neutraliseText(text: string): string {
	return isFormulaLike(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field containing a comma, quote, CR or LF (or leading/trailing space), doubling quotes. */
export function quoteField(field: string): string {
	return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** One cell as it appears in the file (neutralised and quoted). */
export function csvField(cell: CsvCell): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'number') {
		if (!Number.isFinite(cell)) return '';
		return String(cell);
	}
	if (typeof cell === 'object') {
		return PLAIN_DECIMAL.test(cell.amount) ? cell.amount : quoteField(neutraliseText(cell.amount));
	}
	return quoteField(neutraliseText(cell));
}

export interface CsvOptions {
	/** Start with a UTF-8 byte order mark so spreadsheet apps read Chinese text as UTF-8 (default true). */
	bom?: boolean;
}

/** A whole CSV document: the header row, then each row; CRLF after every record. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
	const lines = [header.map((h) => csvField(h)).join(',')];
	for (const row of rows) lines.push(row.map(csvField).join(','));
	return (options.bom === false ? '' : '\uFEFF') + lines.map((l) => l + '\r\n').join('');
}

/**
 * Parse a CSV document written by `toCsv` (or any RFC 4180 text) back into rows of fields, for tests
 * and round trips. Leading BOM ignored. Does not undo the apostrophe.
 */
export function parseCsv(text: string): string[][] {
	const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let i = 0;
	while (i < s.length) {
		const c = s[i];
		if (quoted) {
			if (c === '"') {
				if (s[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
				i++;
				continue;
			}
			field += c;
			i++;
			continue;
		}
		if (c === '"' && field === '') {
			quoted = true;
			i++;
		} else if (c === ',') {
			row.push(field);
			field = '';
			i++;
		} else if (c === '\r' && s[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i += 2;
		} else if (c === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else {
			field += c;
			i++;
		}
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}
