import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwordProblem', () => {
	it.each([
		['', 'too_short'],
		['short', 'too_short'],
		['123456789', 'too_short'],
		// length counts characters, not UTF-16 units or bytes
		['密码密码密码密码密', 'too_short'],
		['password123', 'too_common'],
		['PassWord123', 'too_common'],
		['1234567890', 'too_common'],
		['aaaaaaaaaaaa', 'too_common'],
		['woaini1314', 'too_common'],
		['correct horse battery', null],
		['密码密码密码密码密码', null],
		['narrator-2025-ximalaya', null]
	])('%j → %s', (password, problem) => {
		expect(passwordProblem(password)).toBe(problem);
	});
});

describe('Argon2id hashing', () => {
	it('produces an argon2id hash that verifies only the same password', async () => {
		const hashed = await hashPassword('correct horse battery');
		expect(hashed.startsWith('$argon2id$')).toBe(true);
		expect(hashed).not.toContain('correct horse');
		expect(await verifyPassword(hashed, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(hashed, 'correct horse batterY')).toBe(false);
	});

	it('salts: the same password hashes differently each time', async () => {
		expect(await hashPassword('correct horse battery')).not.toBe(await hashPassword('correct horse battery'));
	});

	it('answers false (does not throw) for a malformed stored hash', async () => {
		expect(await verifyPassword('not-a-hash', 'whatever123')).toBe(false);
	});
});
