import { describe, expect, it } from 'vitest';
import { bodyLimit, FORM_LIMIT_BYTES, refuseBody } from './body-limit';

const MB = 1024 * 1024;
const h = (length?: number) => new Headers(length === undefined ? {} : { 'content-length': String(length) });

describe('request body limits', () => {
	it('lets only a signed-in user send an upload to a page that takes files', () => {
		for (const path of ['/import', '/works', '/settings/workspace-file']) {
			expect(bodyLimit(path, true, 100).bytes).toBeGreaterThan(100 * MB);
			expect(bodyLimit(path, false, 100).bytes).toBe(FORM_LIMIT_BYTES);
		}
		for (const path of ['/login', '/signup', '/locale', '/deals', '/import/extra']) expect(bodyLimit(path, true, 100).bytes).toBe(FORM_LIMIT_BYTES);
		expect(bodyLimit('/import', true, 5).bytes).toBeLessThan(7 * MB);
	});

	it('refuses a body over the limit, or of unknown length where a form is expected, before reading it', () => {
		const form = bodyLimit('/login', false, 100);
		const upload = bodyLimit('/import', true, 100);
		expect(refuseBody('POST', h(2 * MB), true, form)).toBe(413);
		expect(refuseBody('POST', h(FORM_LIMIT_BYTES), true, form)).toBeNull();
		expect(refuseBody('POST', h(), true, form)).toBe(411);
		expect(refuseBody('POST', h(), false, form)).toBeNull();
		expect(refuseBody('POST', h(2 * MB), true, upload)).toBeNull();
		expect(refuseBody('POST', h(), true, upload)).toBeNull();
		expect(refuseBody('POST', h(102 * MB), true, upload)).toBe(413);
		expect(refuseBody('POST', new Headers({ 'content-length': 'lots' }), true, form)).toBe(413);
		expect(refuseBody('GET', h(2 * MB), true, form)).toBeNull();
	});
});
