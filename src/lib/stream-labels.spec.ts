import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STREAMS } from './domain/risk';
import { streamName } from './stream-labels';
import { streamLabel as dashboardStreamLabel } from './components/dashboard/labels';

const messagesDir = path.resolve(import.meta.dirname, '../../messages');
const catalogue = (area: string, lang: string): Record<string, string> =>
	JSON.parse(fs.readFileSync(path.join(messagesDir, area, `${lang}.json`), 'utf8'));

describe('income kinds have one name everywhere', () => {
	it.each(STREAMS.flatMap((s) => (['en', 'zh'] as const).map((lang) => [s, lang] as const)))('%s in %s: named from the shared catalogue', (stream, lang) => {
		const name = streamName(stream, lang);
		expect(name).not.toBe(stream);
		expect(name.trim()).toBe(name);
		expect(name).toBe(catalogue('core', lang)[`core_stream_${stream}`]);
	});

	it.each(STREAMS)('%s: the dashboard and platforms page show the shared name (request language)', (stream) => {
		expect(dashboardStreamLabel(stream)).toBe(streamName(stream));
	});

	it('no area keeps its own table of income-kind names, in either language (a second table drifted before: 广告与激励 vs 广告分成)', () => {
		for (const area of fs.readdirSync(messagesDir).filter((a) => a !== 'core')) {
			for (const lang of ['en', 'zh']) {
				const own = Object.keys(catalogue(area, lang)).filter((k) => STREAMS.some((s) => k === `${area}_stream_${s}`));
				expect(own, `${area}/${lang}`).toEqual([]);
			}
		}
	});

	it('the Chinese names are all different, so two kinds never read as one', () => {
		const names = STREAMS.map((s) => streamName(s, 'zh'));
		expect(new Set(names).size).toBe(STREAMS.length);
	});

	it('an unknown key shows as stored', () => {
		expect(streamName('podcast_ads', 'zh')).toBe('podcast_ads');
	});
});
