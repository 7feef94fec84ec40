/**
 * The printable income report as one HTML fragment (and a full document for the CLI), designed for
 * A4: @page margins with the workspace and period in the header and "page n / N" in the footer
 * (CSS margin boxes), tables that repeat their header row and do not split rows across pages, an
 * inline SVG chart that prints crisp without JavaScript, and CJK-capable fonts. The same renderer
 * serves `/reports/[period]` and `ledger report --format html`, so the two can never disagree.
 * Every piece of text goes through `esc` — workspace names, file names and platform names are user data.
 */
import * as m from '../../paraglide/messages.js';
import { streamName } from '../../stream-labels';
import { joinList } from '../../components/ui/lists';
import { currencyExponent, formatMinorAsDecimal, formatMoney } from '../../domain/money';
import { niceTicks } from '../../domain/chart-scale';
import { AGE_BUCKETS, type AgeBucket } from '../../domain/reconciliation';
import type { Breakdown, KeyedBreakdown, Report } from '../../domain/report';

export type ReportLocale = 'en' | 'zh';

export function esc(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A CSS string literal: anything but plain letters, digits, spaces and CJK escaped as \HEX, so no text can end the string or the <style> element. */
export function cssString(text: string): string {
	return `"${[...text].map((ch) => (/[\p{L}\p{N} ·.,:()\-]/u.test(ch) && ch !== '<' ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/** The CSS of the report, screen and print. Scoped under .report so it never touches the app shell. */
export function reportCss(headerText: string): string {
	return `
@page { size: A4; margin: 16mm 15mm 18mm;
  @top-left { content: ${cssString(headerText)}; font: 7.5pt 'Noto Sans', 'Noto Sans CJK SC', sans-serif; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 7.5pt 'Noto Sans', 'Noto Sans CJK SC', sans-serif; color: #555; }
}
.report { --r-ink: #1d2321; --r-ink-2: #4d5753; --r-line: #cfc9bc; --r-brand: #1f5f5b; --r-accrual: #1f5f5b; --r-cash: #c9893a;
  font-family: 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif;
  color: var(--r-ink); background: #fff; max-width: 190mm; margin: 0 auto; padding: 12mm 10mm; font-size: 10pt; line-height: 1.45; }
.report:lang(zh) { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; }
.report h1 { font-size: 18pt; margin: 0 0 2mm; }
.report h2 { font-size: 12pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5px solid var(--r-brand); color: var(--r-brand); break-after: avoid; }
.report header.r-head { display: grid; grid-template-columns: 1fr auto; gap: 2mm 8mm; align-items: start; border-bottom: 2px solid var(--r-ink); padding-bottom: 3mm; }
.report dl.r-meta { display: grid; grid-template-columns: auto 1fr; gap: 0.5mm 4mm; margin: 0; }
.report dl.r-meta dt { color: var(--r-ink-2); }
.report dl.r-meta dd { margin: 0; font-weight: 600; }
.report .r-code { border: 1.5px solid var(--r-ink); padding: 2mm 3mm; text-align: center; }
.report .r-code span { display: block; font-size: 8pt; color: var(--r-ink-2); }
.report .r-code strong { font-family: 'Noto Sans Mono CJK SC', ui-monospace, monospace; font-size: 11pt; letter-spacing: 0.5px; }
.report .r-note { color: var(--r-ink-2); font-size: 8.5pt; margin: 2mm 0; }
.report .r-kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; margin: 3mm 0; break-inside: avoid; }
.report .r-kpis div { border: 1px solid var(--r-line); padding: 2mm 3mm; }
.report .r-kpis span { display: block; font-size: 8pt; color: var(--r-ink-2); }
.report .r-kpis strong { font-size: 12pt; font-variant-numeric: tabular-nums; }
.report .r-kpis .r-net { border-color: var(--r-brand); border-width: 2px; }
.report table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; font-variant-numeric: tabular-nums; }
.report thead { display: table-header-group; }
.report tr { break-inside: avoid; }
.report th, .report td { text-align: left; padding: 1mm 1.5mm; border-bottom: 0.5px solid var(--r-line); vertical-align: top; }
.report th { font-size: 8.5pt; color: var(--r-ink-2); font-weight: 600; border-bottom: 1px solid var(--r-ink); }
.report td.n, .report th.n { text-align: right; white-space: nowrap; }
.report tfoot { display: table-row-group; }
.report tfoot td { font-weight: 700; border-top: 1px solid var(--r-ink); border-bottom: none; }
.report td.sha { font-family: 'Noto Sans Mono CJK SC', ui-monospace, monospace; font-size: 6.5pt; word-break: break-all; }
.report .r-section { break-inside: auto; }
.report .r-keep { break-inside: avoid; }
.report figure { margin: 2mm 0; break-inside: avoid; }
.report figure svg { width: 100%; height: auto; display: block; }
.report figcaption { font-size: 8.5pt; color: var(--r-ink-2); }
.report .r-legend { display: flex; gap: 4mm; font-size: 8pt; color: var(--r-ink-2); }
.report .r-legend i { display: inline-block; width: 3mm; height: 3mm; margin-right: 1mm; vertical-align: middle; }
.report .r-two td.n { width: 34%; }
.report .r-warn { border-left: 3px solid #a35a00; padding: 1mm 3mm; background: #fbf3e6; font-weight: 600; }
.report .r-two { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
@media screen and (max-width: 40rem) {
  .report { padding: 5mm 4mm; font-size: 9.5pt; }
  .report header.r-head { grid-template-columns: 1fr; }
  .report dl.r-meta dt { white-space: nowrap; }
  .report .r-kpis { grid-template-columns: repeat(2, 1fr); }
  .report .r-two { grid-template-columns: 1fr; gap: 0; }
}
@media print {
  .report { padding: 0; max-width: none; font-size: 9.5pt; }
  .report .r-monthly { break-before: auto; }
  .report .r-provenance { break-before: auto; }
}
`;
}

interface Ctx {
	locale: ReportLocale;
	cur: string;
}

const intlLocale = (l: ReportLocale) => (l === 'zh' ? 'zh-CN' : 'en');

function fmtMoney(minor: number, cur: string, locale: ReportLocale): string {
	return formatMoney(minor, cur, intlLocale(locale));
}

function pct(x: number | undefined, locale: ReportLocale, digits = 1): string {
	if (x === undefined) return '—';
	return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

function dec(x: number | undefined, locale: ReportLocale, digits = 2): string {
	if (x === undefined) return '—';
	return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** A month label: "Mar 2025" / "2025年3月". */
export function monthLabel(month: string, locale: ReportLocale): string {
	const [y, mo] = month.split('-').map(Number);
	return new Intl.DateTimeFormat(intlLocale(locale), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, 1)));
}

function dateTime(iso: string, locale: ReportLocale): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';
}

function breakdownCells(b: Breakdown, c: Ctx): string {
	return [b.grossMinor, b.feeMinor, b.taxMinor, b.netMinor].map((v) => `<td class="n">${esc(fmtMoney(v, c.cur, c.locale))}</td>`).join('');
}

function breakdownTable(id: string, title: string, keyHead: string, rows: KeyedBreakdown[], totals: Breakdown, label: (k: string) => string, c: Ctx): string {
	const L = { locale: c.locale };
	return `<section class="r-section r-keep" aria-labelledby="${id}">
<h2 id="${id}">${esc(title)}</h2>
<table data-testid="${id}"><thead><tr><th>${esc(keyHead)}</th><th class="n">${esc(m.report_gross({}, L))}</th><th class="n">${esc(m.report_fees({}, L))}</th><th class="n">${esc(m.report_tax({}, L))}</th><th class="n">${esc(m.report_net({}, L))}</th><th class="n">${esc(m.report_share({}, L))}</th></tr></thead>
<tbody>${rows.map((r) => `<tr><td>${esc(label(r.key))}</td>${breakdownCells(r, c)}<td class="n">${esc(pct(r.share, c.locale))}</td></tr>`).join('')}</tbody>
<tfoot><tr><td>${esc(m.report_total_row({}, L))}</td>${breakdownCells(totals, c)}<td class="n">${rows.length ? esc(pct(1, c.locale, 0)) : ''}</td></tr></tfoot>
</table></section>`;
}

/** Grouped bars per month: net earned (accrual) and received (cash). Pure SVG, prints without JavaScript. */
export function monthlyChartSvg(report: Report, locale: ReportLocale): string {
	const W = 720;
	const H = 220;
	const pad = { l: 64, r: 8, t: 10, b: 34 };
	const months = report.months;
	const scale = niceTicks(
		Math.min(0, ...months.flatMap((x) => [x.netMinor, x.receivedMinor])),
		Math.max(0, ...months.flatMap((x) => [x.netMinor, x.receivedMinor])),
		10 ** currencyExponent(report.baseCurrency)
	);
	const { max, min } = scale;
	const span = max - min;
	const y = (v: number) => pad.t + ((max - v) / span) * (H - pad.t - pad.b);
	const slot = (W - pad.l - pad.r) / Math.max(1, months.length);
	const bw = Math.max(2, Math.min(22, slot * 0.36));
	const ticks = scale.values;
	const every = Math.ceil(months.length / 12);
	const parts: string[] = [];
	for (const t of ticks) {
		const ty = y(t).toFixed(1);
		parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${ty}" y2="${ty}" stroke="#ddd" stroke-width="0.6"/>`);
		parts.push(`<text x="${pad.l - 4}" y="${ty}" text-anchor="end" dominant-baseline="middle" font-size="9" fill="#555">${esc(compactMoney(t, report.baseCurrency, locale))}</text>`);
	}
	months.forEach((mo, i) => {
		const x0 = pad.l + i * slot + slot / 2;
		const bar = (v: number, dx: number, fill: string) => {
			const top = y(Math.max(v, 0));
			const h = Math.abs(y(v) - y(0));
			return `<rect x="${(x0 + dx).toFixed(1)}" y="${top.toFixed(1)}" width="${bw.toFixed(1)}" height="${Math.max(h, v === 0 ? 0 : 0.5).toFixed(1)}" fill="${fill}"/>`;
		};
		parts.push(bar(mo.netMinor, -bw - 0.5, '#1f5f5b'), bar(mo.receivedMinor, 0.5, '#c9893a'));
		if (i % every === 0) parts.push(`<text x="${x0.toFixed(1)}" y="${H - pad.b + 13}" text-anchor="middle" font-size="9" fill="#333">${esc(monthLabel(mo.month, locale))}</text>`);
	});
	parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#333" stroke-width="0.8"/>`);
	const title = m.report_chart_monthly({}, { locale });
	return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg" font-family="'Noto Sans', 'Noto Sans CJK SC', sans-serif">${parts.join('')}</svg>`;
}

function compactMoney(minor: number, cur: string, locale: ReportLocale): string {
	return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: cur, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(Number(formatMinorAsDecimal(minor, cur)));
}

const AGE_LABEL: Record<AgeBucket, (o: { locale: ReportLocale }) => string> = {
	'0-30': (o) => m.report_age_0_30({}, o),
	'31-60': (o) => m.report_age_31_60({}, o),
	'61-90': (o) => m.report_age_61_90({}, o),
	'90+': (o) => m.report_age_90({}, o)
};

const SOURCE_LABEL: Record<string, (o: { locale: ReportLocale }) => string> = {
	manual: (o) => m.report_source_manual({}, o),
	computed: (o) => m.report_source_computed({}, o),
	sample: (o) => m.report_source_sample({}, o),
	import: (o) => m.report_source_import({}, o)
};

/** Left-out amounts summed per platform and currency, with the first and last month, for one readable line. */
function summariseMissing(rows: Report['missingRates']): { platform: string; currency: string; amountMinor: number; first: string; last: string }[] {
	const map = new Map<string, { platform: string; currency: string; amountMinor: number; first: string; last: string }>();
	for (const r of rows) {
		const k = `${r.platform}\u0000${r.currency}`;
		const x = map.get(k) ?? { platform: r.platform, currency: r.currency, amountMinor: 0, first: r.month, last: r.month };
		x.amountMinor += r.amountMinor;
		if (r.month < x.first) x.first = r.month;
		if (r.month > x.last) x.last = r.month;
		map.set(k, x);
	}
	return [...map.values()];
}

export interface ReportHtmlOptions {
	locale: ReportLocale;
	/** Where the verify page is, printed under the header (absolute when known). */
	verifyUrl: string;
}

/** The report as an HTML fragment: `<article class="report">…</article>` with its own <style>. */
export function reportHtml(report: Report, options: ReportHtmlOptions): string {
	const { locale } = options;
	const L = { locale };
	const c: Ctx = { locale, cur: report.baseCurrency };
	const money = (v: number, cur = report.baseCurrency) => esc(fmtMoney(v, cur, locale));
	const labelOfStream = (stream: string) => streamName(stream, locale);
	const periodText = report.from === report.to ? monthLabel(report.from, locale) : m.report_period_range({ from: monthLabel(report.from, locale), to: monthLabel(report.to, locale) }, L);
	const r = report.risk;
	const sourceList = report.otherSources.map((s) => `${s.rows} × ${(SOURCE_LABEL[s.source] ?? (() => s.source))(L)}`).join(locale === 'zh' ? '；' : '; ');
	const missingList = summariseMissing(report.missingRates)
		.map((x) => `${x.platform}: ${fmtMoney(x.amountMinor, x.currency, locale)} (${x.first === x.last ? monthLabel(x.first, locale) : `${monthLabel(x.first, locale)}–${monthLabel(x.last, locale)}`})`)
		.join(locale === 'zh' ? '；' : '; ');

	const head = `<header class="r-head">
<div><h1>${esc(m.report_title({}, L))}</h1>
<dl class="r-meta">
<dt>${esc(m.report_workspace({}, L))}</dt><dd data-testid="report-workspace">${esc(report.workspaceName)}</dd>
<dt>${esc(m.report_period({}, L))}</dt><dd data-testid="report-period">${esc(periodText)} (${esc(report.period)})</dd>
<dt>${esc(m.report_currency({}, L))}</dt><dd>${esc(report.baseCurrency)}</dd>
<dt>${esc(m.report_generated_on({}, L))}</dt><dd>${esc(dateTime(report.generatedAt, locale))}</dd>
</dl></div>
<div class="r-code"><span>${esc(m.report_verification({}, L))}</span><strong data-testid="verification-code">${esc(report.verificationCode)}</strong></div>
</header>
<p class="r-note">${esc(m.report_basis_note({}, L))}</p>
<p class="r-note" data-testid="report-verify-hint">${esc(m.report_verify_hint({ url: options.verifyUrl, period: report.period }, L))}</p>`;

	const kpis = `<div class="r-kpis" data-testid="report-totals">
<div><span>${esc(m.report_gross({}, L))}</span><strong>${money(report.totals.grossMinor)}</strong></div>
<div><span>${esc(m.report_fees({}, L))}</span><strong>${money(report.totals.feeMinor)}</strong></div>
<div><span>${esc(m.report_tax({}, L))}</span><strong>${money(report.totals.taxMinor)}</strong></div>
<div class="r-net"><span>${esc(m.report_net({}, L))}</span><strong data-testid="report-net">${money(report.totals.netMinor)}</strong></div>
</div>`;

	const empty =
		(report.byPlatform.length === 0 ? `<p><strong>${esc(m.report_empty({}, L))}</strong></p>` : '') +
		(report.missingRates.length > 0 ? `<p class="r-warn" data-testid="report-missing-rates">${esc(m.report_missing_warning({ currency: report.baseCurrency }, L))}</p>` : '');

	const platforms = breakdownTable('report-platforms', m.report_by_platform({}, L), m.report_col_platform({}, L), report.byPlatform, report.totals, (k) => k, c);
	const streams = breakdownTable('report-streams', m.report_by_stream({}, L), m.report_col_stream({}, L), report.byStream, report.totals, labelOfStream, c);

	const monthly = `<section class="r-section r-monthly" aria-labelledby="report-monthly-h">
<h2 id="report-monthly-h">${esc(m.report_monthly({}, L))}</h2>
<figure><figcaption>${esc(m.report_chart_monthly({}, L))}</figcaption>${monthlyChartSvg(report, locale)}
<div class="r-legend"><span><i style="background:#1f5f5b"></i>${esc(m.report_net({}, L))}</span><span><i style="background:#c9893a"></i>${esc(m.report_col_received({}, L))}</span></div></figure>
<table data-testid="report-monthly"><thead><tr><th>${esc(m.report_col_month({}, L))}</th><th class="n">${esc(m.report_gross({}, L))}</th><th class="n">${esc(m.report_fees({}, L))}</th><th class="n">${esc(m.report_tax({}, L))}</th><th class="n">${esc(m.report_net({}, L))}</th><th class="n">${esc(m.report_col_received({}, L))}</th></tr></thead>
<tbody>${report.months.map((mo) => `<tr><td>${esc(monthLabel(mo.month, locale))}</td>${breakdownCells(mo, c)}<td class="n">${money(mo.receivedMinor)}</td></tr>`).join('')}</tbody>
<tfoot><tr><td>${esc(m.report_total_row({}, L))}</td>${breakdownCells(report.totals, c)}<td class="n">${money(report.cashMinor)}</td></tr></tfoot>
</table></section>`;

	const accrualCash = `<section class="r-section r-keep" aria-labelledby="report-ac-h">
<h2 id="report-ac-h">${esc(m.report_accrual_vs_cash({}, L))}</h2>
<table data-testid="report-accrual-cash"><tbody>
<tr><td>${esc(m.report_accrual_total({}, L))}</td><td class="n">${money(report.accrualMinor)}</td></tr>
<tr><td>${esc(m.report_cash_total({}, L))}</td><td class="n">${money(report.cashMinor)}</td></tr>
<tr><td>${esc(m.report_difference({}, L))}</td><td class="n">${money(report.accrualMinor - report.cashMinor)}</td></tr>
</tbody></table></section>`;

	const recRows = report.receivables.rows;
	const receivables = `<section class="r-section r-keep" aria-labelledby="report-rec-h">
<h2 id="report-rec-h">${esc(m.report_receivables({}, L))}</h2>
${
	recRows.length === 0
		? report.receivables.untracked.length > 0 ? '' : `<p>${esc(m.report_receivables_none({ date: report.receivables.asOf }, L))}</p>`
		: `<p class="r-note">${esc(m.report_receivables_asof({ date: report.receivables.asOf }, L))}</p>
<table data-testid="report-receivables"><thead><tr><th>${esc(m.report_col_platform({}, L))}</th>${AGE_BUCKETS.map((b) => `<th class="n">${esc(AGE_LABEL[b](L))}</th>`).join('')}<th class="n">${esc(m.report_col_outstanding({}, L))}</th></tr></thead>
<tbody>${recRows.map((x) => `<tr><td>${esc(x.platform)}</td>${AGE_BUCKETS.map((b) => `<td class="n">${money(x.buckets[b], x.currency)}</td>`).join('')}<td class="n">${money(x.outstandingMinor, x.currency)}</td></tr>`).join('')}</tbody></table>`
}
${report.receivables.dealsOverdue?.length ? `<p class="r-note" data-testid="report-receivables-deals-overdue">${esc(m.report_receivables_deals_overdue({ date: report.receivables.asOf, list: joinList(report.receivables.dealsOverdue, locale) }, L))}</p>` : ''}
${report.receivables.untracked.length > 0 ? `<p class="r-note" data-testid="report-receivables-untracked">${esc(m.report_receivables_untracked({ list: joinList(report.receivables.untracked, locale) }, L))}</p>` : ''}
</section>`;

	const risk = `<section class="r-section r-keep" aria-labelledby="report-risk-h">
<h2 id="report-risk-h">${esc(m.report_risk({}, L))}</h2>
<p class="r-note">${esc(m.report_risk_intro({}, L))}</p>
<table data-testid="report-risk"><tbody>
<tr><td>${esc(m.report_risk_pdrs({}, L))}</td><td class="n">${esc(dec(r.score, locale, 1))}</td></tr>
<tr><td>${esc(m.report_risk_neff({}, L))}</td><td class="n">${esc(dec(r.effectivePlatforms, locale, 2))}</td></tr>
<tr><td>${esc(m.report_risk_top1({}, L))}</td><td class="n">${esc(pct(r.top1Share, locale))}${r.top1Platform ? ` (${esc(r.top1Platform)})` : ''}</td></tr>
<tr><td>${esc(m.report_risk_cv({}, L))}</td><td class="n">${esc(dec(r.cv, locale, 3))}</td></tr>
<tr><td>${esc(m.report_risk_s30({}, L))}</td><td class="n">${esc(pct(r.swingShare, locale, 0))}</td></tr>
<tr><td>${esc(m.report_risk_mdd({}, L))}</td><td class="n">${esc(pct(r.maxDrawdown, locale, 0))}</td></tr>
</tbody></table></section>`;

	const provenance = `<section class="r-section r-provenance" aria-labelledby="report-prov-h">
<h2 id="report-prov-h">${esc(m.report_provenance({}, L))}</h2>
${
	report.provenance.length === 0
		? `<p>${esc(m.report_provenance_none({}, L))}</p>`
		: `<p class="r-note">${esc(m.report_provenance_intro({}, L))}</p>
<table data-testid="report-provenance"><thead><tr><th>${esc(m.report_col_file({}, L))}</th><th>${esc(m.report_col_platform({}, L))}</th><th>${esc(m.report_col_imported({}, L))}</th><th class="n">${esc(m.report_col_rows({}, L))}</th><th>${esc(m.report_col_sha({}, L))}</th></tr></thead>
<tbody>${report.provenance.map((p) => `<tr><td>${esc(p.fileName)}</td><td>${esc(p.platform ?? '—')}</td><td>${esc(dateTime(p.importedAt, locale))}</td><td class="n">${p.rows}</td><td class="sha">${esc(p.sha256)}</td></tr>`).join('')}</tbody></table>`
}
${sourceList ? `<p class="r-note">${esc(m.report_other_sources({ list: sourceList }, L))}</p>` : ''}
${missingList ? `<p class="r-note">${esc(m.report_missing_rates({ list: missingList }, L))}</p>` : ''}
</section>`;


	return `<article class="report" lang="${locale === 'zh' ? 'zh-CN' : 'en'}" data-testid="report">
<style>${reportCss(`${m.report_title({}, L)} · ${report.workspaceName} · ${report.period} · ${report.verificationCode}`)}</style>
${head}${kpis}${empty}${platforms}${streams}${monthly}<div class="r-two">${accrualCash}${risk}</div>${receivables}${provenance}
</article>`;
}

/** A complete HTML document (CLI `--format html`). */
export function reportDocument(report: Report, options: ReportHtmlOptions): string {
	const title = m.report_doc_title({ workspace: report.workspaceName, period: report.period }, { locale: options.locale });
	return `<!doctype html>
<html lang="${options.locale === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>body{margin:0;background:#f6f4ef}@media print{body{background:#fff}}</style></head>
<body>${reportHtml(report, options)}</body></html>
`;
}
