import { afterAll, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { parseWorkspaceFile, type WorkspaceFileError } from '$lib/domain/workspace-file';
import { parseWorksCsv, type WorksCsvError } from '$lib/domain/works-csv';
import { setupProblemText } from './setup-problems';
import { validatePayoutRule, type PayoutMonths } from '$lib/domain/payout-rules';
import { payoutRule } from '../../../../tests/factories/payout-rule';

const platforms = [{ name: 'Ximalaya', currency: 'CNY' }];

/** The problems the domain really reports for a file or a CSV (no hand-made params). */
function fileProblems(doc: unknown): WorkspaceFileError[] {
	const r = parseWorkspaceFile(typeof doc === 'string' ? doc : JSON.stringify({ version: 1, baseCurrency: 'CNY', ...(doc as object) }));
	return r.ok ? [] : r.errors;
}
function csvProblems(csv: string): WorksCsvError[] {
	const r = parseWorksCsv(csv, platforms);
	return r.ok ? [] : r.errors;
}

let locale: 'en' | 'zh' = 'zh';
overwriteGetLocale(() => locale);
afterAll(() => {
	locale = 'en';
});

describe('setupProblemText in Chinese shows the offending value, not just the kind of problem', () => {
	const ximalaya = { name: 'Ximalaya', currency: 'CNY' };
	it.each([
		['bad date in a CSV', csvProblems('title,platform,completedOn\nX,Ximalaya,14/03/2025'), ['值 “14/03/2025” 不是有效日期']],
		['unknown platform in a CSV', csvProblems('title,platform\nX,Nowhere'), ['所指平台 “Nowhere” 不在文件或工作区中']],
		['negative hours in a CSV', csvProblems('title,platform,finishedHours\nX,Ximalaya,-2'), ['不能为负数，实际为 “-2”']],
		['plays and completion in a CSV', csvProblems('title,platform,plays,completionRate\nX,Ximalaya,many,120%'), ['应为整数，实际为 "many"', '不能大于 100%，实际为 120%']],
		['unknown column in a CSV', csvProblems('title,platform,colour\nX,Ximalaya,red'), ['不是可识别的列（可用的列：platform, title, kind, finishedHours']],
		['missing column in a CSV', csvProblems('title\nX'), ['列缺失']],
		['empty CSV', csvProblems(''), ['文件是空的']],
		['not JSON: cut short', fileProblems('{"version": 1,'), ['不是有效的 JSON 文件（文件提前结束：有括号或引号没有闭合）']],
		['not JSON: a comma missing', fileProblems('{\n  "version": 1\n  "baseCurrency": "CNY"}'), ['不是有效的 JSON 文件（第 3 行第 3 列出错）']],
		['not JSON: no position', fileProblems('[1,]'), ['不是有效的 JSON 文件']],
		['version', fileProblems('{"version": 2, "baseCurrency": "CNY"}'), ['文件版本 2 本应用无法读取（本应用读取版本 1）']],
		['no version', fileProblems('{"baseCurrency": "CNY"}'), ['文件缺少版本号（本应用读取版本 1）']],
		['bad currency', fileProblems({ platforms: [{ name: 'A', currency: 'rmb' }] }), ['“rmb” 不是货币代码']],
		['duplicate platform', fileProblems({ platforms: [ximalaya, ximalaya] }), ['平台 “Ximalaya” 重复出现']],
		[
			'two rule versions on one day',
			fileProblems({ platforms: [{ ...ximalaya, payout: [{ effectiveFrom: '2025-01-01' }, { effectiveFrom: '2025-01-01', payoutDay: 5 }] }] }),
			['有两个付款规则版本都在 2025-01-01 生效']
		],
		['payout day', fileProblems({ platforms: [{ ...ximalaya, payout: { payoutDay: 0 } }] }), ['不能小于 1，实际为 0']],
		['payout months', fileProblems({ platforms: [{ ...ximalaya, payout: { payoutMonths: 'bimonthly' } }] }), ['应为 all, even, odd 之一，实际为 “bimonthly”']],
		['a word for money', fileProblems({ platforms: [ximalaya], works: [{ platform: 'Ximalaya', title: 'X', revenue: 'lots' }] }), ['值 “lots” 不是有效的数字']],
		['money too large', fileProblems({ platforms: [ximalaya], works: [{ platform: 'Ximalaya', title: 'X', revenue: '99999999999999999' }] }), ['值 “99999999999999999” 太大']],
		['milestone shares', fileProblems({ deals: [{ counterparty: 'A', amount: '10', milestones: [{ shareBps: 5000, dueOn: '2025-05-01' }] }] }), ['各期比例合计为 50%，而不是 100%']],
		['paid deal', fileProblems({ deals: [{ counterparty: 'A', amount: '10', status: 'paid' }] }), ['已付款的交易需要填写付款日期']],
		['hours a boolean', fileProblems({ platforms: [ximalaya], works: [{ platform: 'Ximalaya', title: 'X', finishedHours: true }] }), ['应为小数字符串，如 “12.50”']],
		['works not a list', fileProblems({ works: 'X' }), ['应为列表']]
	])('%s', (_n, problems, texts) => {
		locale = 'zh';
		expect(problems.map(setupProblemText)).toEqual(texts.map((t) => expect.stringContaining(t)));
		for (const text of problems.map(setupProblemText)) expect(text).not.toMatch(/position|Expected|Unexpected|must be/);
	});

	it.each(validatePayoutRule(payoutRule({ effectiveFrom: '2025-02-30', netDays: 5000, payoutDay: 0, payoutMonths: 'bimonthly' as PayoutMonths, thresholdMinor: -1 })))(
		'a payout rule problem ($field) is worded in Chinese, not in the validator\'s English',
		(p) => {
			locale = 'zh';
			const text = setupProblemText({ code: 'bad_value', message: p.problem, params: { check: 'rule', rule: p.code, ...p.params } });
			expect(text).toMatch(/^的值无法使用（(不是日期|必须是 \d+ 到 \d+ 之间的整数|必须是 all、even 或 odd|必须大于或等于零)/);
		}
	);

	it('English shows the domain message itself', () => {
		locale = 'en';
		const [problem] = csvProblems('title,platform,completedOn\nX,Ximalaya,14/03/2025');
		expect(setupProblemText(problem)).toBe('bad date "14/03/2025" (use YYYY-MM-DD, a real day)');
	});

	it('the upload size limit keeps its MB', () => {
		locale = 'zh';
		expect(setupProblemText({ code: 'too_large', message: 'the file is larger than 5 MB', params: { mb: 5 } })).toBe('文件超过 5 MB');
	});
});
