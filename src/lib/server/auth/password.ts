/** Password hashing with Argon2id (@node-rs/argon2) and the policy for new passwords. */
import { hash, verify } from '@node-rs/argon2';

const COMMON = new Set([
	'password', 'password1', 'password12', 'password123', 'password1234', '1234567890', '12345678910',
	'qwertyuiop', 'qwerty1234', 'qwerty12345', '1q2w3e4r5t', 'iloveyou123', 'letmein123', 'welcome123',
	'admin12345', 'abc1234567', 'aaaaaaaaaa', '0123456789', '1111111111', '0000000000', '123456789a',
	'a123456789', 'passw0rd12', 'football123', 'baseball123', 'sunshine123', 'princess123', 'dragon1234',
	'woaini1314', 'woaini520', 'zxcvbnm123', '1234qwer!@#$', 'changeme123', 'creatorledger'
]);

export const MIN_PASSWORD_LENGTH = 10;

/** 'too_short' | 'too_common' | null (acceptable). */
export function passwordProblem(password: string): 'too_short' | 'too_common' | null {
	if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
	const folded = password.toLowerCase();
	if (COMMON.has(folded) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|9876543210)+$/.test(password)) {
		return 'too_common';
	}
	return null;
}

// Argon2id (the library's default algorithm) with OWASP's minimum parameters.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}
