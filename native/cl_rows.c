/*
 * cl_rows: a SQLite table-valued function that reads a chunk of statement rows from column
 * buffers, so that the importer binds one buffer per column for a whole chunk instead of twelve
 * values per row (binding a value from JavaScript costs about as much as SQLite's own insert).
 *
 *   INSERT INTO earnings (...) SELECT ... FROM cl_rows(?rows, ?months, ?vocab, ?month, ?day, ?stream,
 *     ?currency, ?amounts, ?measures, ?counterparty, ?description, ?external_id)
 *
 * Arguments (all blobs, in the machine's byte order as JavaScript's typed arrays write them, in the
 * RowStore's layout: see BatchWriter.writeBulk in src/lib/server/import/commit.ts, and text-pack.ts):
 *   rows          int32[k]   the indexes of the rows to return, in order
 *   months, vocab text pack  the vocabularies that month, stream and currency codes point into
 *   month         uint16[n]  month code          day        int32[n]   day of month, 0 = no date
 *   stream        uint16[n]  vocabulary code     currency   uint16[n]  vocabulary code
 *   amounts       float64[5n] gross, fee, tax, net and fingerprint of every row, column after column:
 *                            whole numbers (minor units; the fingerprint a safe integer)
 *   measures      float64[3n] plays, completion (bps) and hours (× 100), column after column; NaN = NULL;
 *                            or empty: every row without them
 *   counterparty, description, external_id  text pack of n texts
 * A text pack is int32 count, int32 length[count] in UTF-16 code units (-1 = NULL), then the
 * texts' UTF-16LE code units one after the other.
 *
 * Every argument is checked against the others before a row is read: a row index or code out of
 * range, a buffer of the wrong size or a malformed text pack is an error, never a read past a
 * buffer. Built by scripts/build-native.mjs; the importer works without it (binding values).
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
	OUT_STREAM, OUT_EARNED_ON, OUT_MONTH, OUT_COUNTERPARTY, OUT_DESCRIPTION, OUT_GROSS, OUT_FEE, OUT_TAX,
	OUT_NET, OUT_CURRENCY, OUT_EXTERNAL_ID, OUT_FINGERPRINT, OUT_PLAYS, OUT_COMPLETION, OUT_HOURS, N_OUT
};
/* At most 16 arguments: SQLite leaves constraints past the 16th to be checked again row by row. */
enum {
	ARG_ROWS, ARG_MONTHS, ARG_VOCAB, ARG_MONTH, ARG_DAY, ARG_STREAM, ARG_CURRENCY, ARG_AMOUNTS, ARG_MEASURES,
	ARG_COUNTERPARTY, ARG_DESCRIPTION, ARG_EXTERNAL_ID, N_ARGS
};

/* A text pack read into UTF-8 once per filter, so that each text reaches SQLite as it stores it. */
typedef struct {
	int32_t count;
	const int32_t *len; /* UTF-16 code units, -1 = NULL */
	char *utf8;
	int64_t *start; /* count + 1 byte offsets into utf8 */
} TextPack;

typedef struct {
	sqlite3_vtab_cursor base;
	sqlite3_value *arg[N_ARGS]; /* copies of the arguments: ours until the next filter or close */
	int64_t at, k;
	const int32_t *rows;
	const uint16_t *month, *stream, *currency;
	const int32_t *day;
	const double *gross, *fee, *tax, *net, *fp, *plays, *completion, *hours;
	TextPack months, vocab, counterparty, description, externalId;
	char date[10];
} Cursor;

static int rowsConnect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err) {
	(void)aux, (void)argc, (void)argv, (void)err;
	int rc = sqlite3_declare_vtab(db,
		"CREATE TABLE x(stream, earned_on, month, counterparty, description, gross, fee, tax, net, currency, external_id,"
		" fingerprint, plays, completion_bps, hours_centi,"
		" a_rows HIDDEN, a_months HIDDEN, a_vocab HIDDEN, a_month HIDDEN, a_day HIDDEN, a_stream HIDDEN, a_currency HIDDEN,"
		" a_amounts HIDDEN, a_measures HIDDEN, a_counterparty HIDDEN, a_description HIDDEN, a_external_id HIDDEN)");
	if (rc != SQLITE_OK) return rc;
	sqlite3_vtab *t = sqlite3_malloc(sizeof(*t));
	if (!t) return SQLITE_NOMEM;
	memset(t, 0, sizeof(*t));
	*out = t;
	return SQLITE_OK;
}

static int rowsDisconnect(sqlite3_vtab *t) {
	sqlite3_free(t);
	return SQLITE_OK;
}

static void dropArgs(Cursor *c) {
	for (int i = 0; i < N_ARGS; i++) {
		sqlite3_value_free(c->arg[i]);
		c->arg[i] = 0;
	}
	TextPack *packs[] = {&c->months, &c->vocab, &c->counterparty, &c->description, &c->externalId};
	for (int i = 0; i < 5; i++) {
		free(packs[i]->start);
		free(packs[i]->utf8);
		memset(packs[i], 0, sizeof(TextPack));
	}
	c->k = c->at = 0;
	c->rows = c->day = 0;
	c->month = c->stream = c->currency = 0;
	c->gross = c->fee = c->tax = c->net = c->fp = c->plays = c->completion = c->hours = 0;
}

static int rowsOpen(sqlite3_vtab *t, sqlite3_vtab_cursor **out) {
	(void)t;
	Cursor *c = sqlite3_malloc(sizeof(*c));
	if (!c) return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*out = &c->base;
	return SQLITE_OK;
}

static int rowsClose(sqlite3_vtab_cursor *cur) {
	dropArgs((Cursor *)cur);
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int fail(Cursor *c, const char *message) {
	sqlite3_free(c->base.pVtab->zErrMsg);
	c->base.pVtab->zErrMsg = sqlite3_mprintf("cl_rows: %s", message);
	dropArgs(c);
	return SQLITE_ERROR;
}

/*
 * The blob of argument i when it holds exactly `count` elements of `size` bytes (count < 0: any).
 * Read in place as typed elements: the arguments are copies made by sqlite3_value_dup, in memory
 * from sqlite3_malloc (8-byte aligned), whatever the alignment of the buffers bound.
 */
static const void *column(Cursor *c, int i, int64_t count, int size, int64_t *n) {
	sqlite3_value *v = c->arg[i];
	if (sqlite3_value_type(v) != SQLITE_BLOB) return 0;
	int64_t bytes = sqlite3_value_bytes(v);
	if (bytes % size != 0 || (count >= 0 && bytes / size != count)) return 0;
	if (n) *n = bytes / size;
	const void *p = sqlite3_value_blob(v);
	/* A zero-length blob may come back as NULL; no element of it is ever read. */
	static const double none = 0;
	return p ? p : (const void *)&none;
}

/*
 * Reads argument i as a text pack and turns its texts into UTF-8, each on its own: a surrogate pair
 * is one character, a lone surrogate becomes U+FFFD (the importer's texts have none: the normaliser
 * makes them well-formed first; V8 would bind one as three bytes that are not UTF-8).
 */
static int readPack(Cursor *c, int i, TextPack *pack) {
	sqlite3_value *v = c->arg[i];
	if (sqlite3_value_type(v) != SQLITE_BLOB) return 0;
	int64_t bytes = sqlite3_value_bytes(v);
	const unsigned char *p = sqlite3_value_blob(v);
	if (bytes < 4 || !p || ((uintptr_t)p) % 4 != 0) return 0;
	int32_t count;
	memcpy(&count, p, 4);
	if (count < 0 || (int64_t)count * 4 + 4 > bytes) return 0;
	pack->count = count;
	pack->len = (const int32_t *)(p + 4);
	int64_t units = 0;
	for (int32_t j = 0; j < count; j++) {
		if (pack->len[j] < -1) return 0;
		if (pack->len[j] > 0) units += pack->len[j];
	}
	if (4 + (int64_t)count * 4 + units * 2 != bytes) return 0;
	const unsigned char *u = p + 4 + (int64_t)count * 4; /* UTF-16LE, read byte by byte: no alignment needed */
	pack->start = malloc(sizeof(int64_t) * ((size_t)count + 1));
	pack->utf8 = malloc((size_t)units * 3 + 1);
	if (!pack->start || !pack->utf8) return 0;
	unsigned char *out = (unsigned char *)pack->utf8;
	int64_t at = 0, w = 0;
	for (int32_t j = 0; j < count; j++) {
		pack->start[j] = w;
		int64_t end = at + (pack->len[j] > 0 ? pack->len[j] : 0);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* ASCII, four code units at a time (most texts are): each unit's high byte is 0 and its low byte below 0x80. */
		while (end - at >= 4) {
			uint64_t four;
			memcpy(&four, u + 2 * at, 8);
			if (four & 0xFF80FF80FF80FF80ULL) break;
			out[w] = (unsigned char)four;
			out[w + 1] = (unsigned char)(four >> 16);
			out[w + 2] = (unsigned char)(four >> 32);
			out[w + 3] = (unsigned char)(four >> 48);
			w += 4;
			at += 4;
		}
#endif
		while (at < end) {
			uint32_t ch = (uint32_t)u[2 * at] | ((uint32_t)u[2 * at + 1] << 8);
			at++;
			if (ch >= 0xD800 && ch <= 0xDBFF && at < end) {
				uint32_t lo = (uint32_t)u[2 * at] | ((uint32_t)u[2 * at + 1] << 8);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					ch = 0x10000 + ((ch - 0xD800) << 10) + (lo - 0xDC00);
					at++;
				}
			}
			if (ch >= 0xD800 && ch <= 0xDFFF) ch = 0xFFFD;
			if (ch < 0x80) out[w++] = (unsigned char)ch;
			else if (ch < 0x800) {
				out[w++] = (unsigned char)(0xC0 | (ch >> 6));
				out[w++] = (unsigned char)(0x80 | (ch & 0x3F));
			} else if (ch < 0x10000) {
				out[w++] = (unsigned char)(0xE0 | (ch >> 12));
				out[w++] = (unsigned char)(0x80 | ((ch >> 6) & 0x3F));
				out[w++] = (unsigned char)(0x80 | (ch & 0x3F));
			} else {
				out[w++] = (unsigned char)(0xF0 | (ch >> 18));
				out[w++] = (unsigned char)(0x80 | ((ch >> 12) & 0x3F));
				out[w++] = (unsigned char)(0x80 | ((ch >> 6) & 0x3F));
				out[w++] = (unsigned char)(0x80 | (ch & 0x3F));
			}
		}
	}
	pack->start[count] = w;
	return 1;
}

static int rowsFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
	(void)idxStr;
	Cursor *c = (Cursor *)cur;
	dropArgs(c);
	if (idxNum != 1 || argc != N_ARGS) return fail(c, "every argument is required");
	for (int i = 0; i < N_ARGS; i++) {
		c->arg[i] = sqlite3_value_dup(argv[i]);
		if (!c->arg[i]) {
			dropArgs(c);
			return SQLITE_NOMEM;
		}
	}
	int64_t n = 0, k = 0;
	if (!(c->month = column(c, ARG_MONTH, -1, 2, &n))) return fail(c, "month codes: not a uint16 buffer");
	c->day = column(c, ARG_DAY, n, 4, 0);
	c->stream = column(c, ARG_STREAM, n, 2, 0);
	c->currency = column(c, ARG_CURRENCY, n, 2, 0);
	int64_t m = 0;
	const double *amounts = column(c, ARG_AMOUNTS, 5 * n, 8, 0), *measures = column(c, ARG_MEASURES, -1, 8, &m);
	if (m != 3 * n && m != 0) measures = 0;
	if (amounts) {
		c->gross = amounts;
		c->fee = amounts + n;
		c->tax = amounts + 2 * n;
		c->net = amounts + 3 * n;
		c->fp = amounts + 4 * n;
	}
	if (measures && m > 0) {
		c->plays = measures;
		c->completion = measures + n;
		c->hours = measures + 2 * n;
	}
	c->rows = column(c, ARG_ROWS, -1, 4, &k);
	if (!c->day || !c->stream || !c->currency || !amounts || !measures || !c->rows)
		return fail(c, "a column buffer does not hold one element per row");
	if (!readPack(c, ARG_MONTHS, &c->months) || !readPack(c, ARG_VOCAB, &c->vocab) ||
	    !readPack(c, ARG_COUNTERPARTY, &c->counterparty) || !readPack(c, ARG_DESCRIPTION, &c->description) ||
	    !readPack(c, ARG_EXTERNAL_ID, &c->externalId))
		return fail(c, "malformed text pack");
	if (c->counterparty.count != n || c->description.count != n || c->externalId.count != n)
		return fail(c, "a text column does not hold one text per row");
	for (int64_t j = 0; j < c->months.count; j++)
		if (c->months.start[j + 1] - c->months.start[j] != 7) return fail(c, "a month is not YYYY-MM");
	for (int64_t j = 0; j < k; j++) {
		int32_t r = c->rows[j];
		if (r < 0 || r >= n) return fail(c, "row index out of range");
		if (c->month[r] >= c->months.count || c->stream[r] >= c->vocab.count || c->currency[r] >= c->vocab.count)
			return fail(c, "code out of its vocabulary");
		if (c->day[r] < 0 || c->day[r] > 31) return fail(c, "day of month out of range");
	}
	c->k = k;
	c->at = 0;
	return SQLITE_OK;
}

static int rowsNext(sqlite3_vtab_cursor *cur) {
	((Cursor *)cur)->at++;
	return SQLITE_OK;
}

static int rowsEof(sqlite3_vtab_cursor *cur) {
	Cursor *c = (Cursor *)cur;
	return c->at >= c->k;
}

/*
 * SQLITE_TRANSIENT, not STATIC: SQLite may keep a static text past this cursor's next filter (a
 * max() over a join, say), and the cursor frees its texts then. The copy goes into the result
 * register's own buffer, which SQLite reuses row after row.
 */
static void text(sqlite3_context *ctx, const TextPack *p, int64_t j) {
	if (p->len[j] < 0) sqlite3_result_null(ctx);
	else sqlite3_result_text(ctx, p->utf8 + p->start[j], (int)(p->start[j + 1] - p->start[j]), SQLITE_TRANSIENT);
}

/* A whole number held in a double (as the RowStore holds money) as an SQL integer; NaN as NULL. */
static void number(sqlite3_context *ctx, double v) {
	if (isnan(v)) sqlite3_result_null(ctx);
	else if (v >= -9007199254740992.0 && v <= 9007199254740992.0 && v == (double)(int64_t)v) sqlite3_result_int64(ctx, (int64_t)v);
	else sqlite3_result_double(ctx, v);
}

static int rowsColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col) {
	Cursor *c = (Cursor *)cur;
	int32_t r = c->rows[c->at];
	switch (col) {
	case OUT_STREAM: text(ctx, &c->vocab, c->stream[r]); break;
	case OUT_CURRENCY: text(ctx, &c->vocab, c->currency[r]); break;
	case OUT_MONTH: text(ctx, &c->months, c->month[r]); break;
	case OUT_EARNED_ON: {
		int32_t d = c->day[r];
		if (d == 0) {
			sqlite3_result_null(ctx);
			break;
		}
		memcpy(c->date, c->months.utf8 + c->months.start[c->month[r]], 7);
		c->date[7] = '-';
		c->date[8] = (char)('0' + d / 10);
		c->date[9] = (char)('0' + d % 10);
		sqlite3_result_text(ctx, c->date, 10, SQLITE_TRANSIENT);
		break;
	}
	case OUT_COUNTERPARTY: text(ctx, &c->counterparty, r); break;
	case OUT_DESCRIPTION: text(ctx, &c->description, r); break;
	case OUT_EXTERNAL_ID: text(ctx, &c->externalId, r); break;
	case OUT_GROSS: number(ctx, c->gross[r]); break;
	case OUT_FEE: number(ctx, c->fee[r]); break;
	case OUT_TAX: number(ctx, c->tax[r]); break;
	case OUT_NET: number(ctx, c->net[r]); break;
	case OUT_FINGERPRINT: number(ctx, c->fp[r]); break;
	case OUT_PLAYS: c->plays ? number(ctx, c->plays[r]) : sqlite3_result_null(ctx); break;
	case OUT_COMPLETION: c->completion ? number(ctx, c->completion[r]) : sqlite3_result_null(ctx); break;
	case OUT_HOURS: c->hours ? number(ctx, c->hours[r]) : sqlite3_result_null(ctx); break;
	default:
		/* A hidden column is an argument: it reads back as given (if SQLite ever checks it again). */
		if (col >= N_OUT && col < N_OUT + N_ARGS && c->arg[col - N_OUT]) sqlite3_result_value(ctx, c->arg[col - N_OUT]);
		else sqlite3_result_null(ctx);
	}
	return SQLITE_OK;
}

static int rowsRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *rowid) {
	*rowid = ((Cursor *)cur)->at + 1;
	return SQLITE_OK;
}

/* Usable only with every argument given (equality on each hidden column). */
static int rowsBestIndex(sqlite3_vtab *t, sqlite3_index_info *info) {
	(void)t;
	int seen[N_ARGS] = {0};
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *k = &info->aConstraint[i];
		int a = k->iColumn - N_OUT;
		if (a < 0 || a >= N_ARGS) continue;
		if (!k->usable || k->op != SQLITE_INDEX_CONSTRAINT_EQ) return SQLITE_CONSTRAINT;
		if (seen[a]) continue;
		seen[a] = 1;
		info->aConstraintUsage[i].argvIndex = a + 1;
		info->aConstraintUsage[i].omit = 1;
	}
	for (int a = 0; a < N_ARGS; a++)
		if (!seen[a]) return SQLITE_CONSTRAINT;
	info->idxNum = 1;
	info->estimatedCost = 1000;
	info->estimatedRows = 1000;
	return SQLITE_OK;
}

static sqlite3_module rowsModule = {
	0, 0, rowsConnect, rowsBestIndex, rowsDisconnect, 0, rowsOpen, rowsClose, rowsFilter, rowsNext, rowsEof,
	rowsColumn, rowsRowid, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_clrows_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
	SQLITE_EXTENSION_INIT2(api);
	(void)err;
	return sqlite3_create_module(db, "cl_rows", &rowsModule, 0);
}
