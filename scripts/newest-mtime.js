// When sources last changed: npm start (scripts/start.js) and the test harness
// (tests/integration/helpers/built-server.ts) rebuild the app when a build source is newer than
// the build; npm run ledger (scripts/ledger.js) rebuilds the CLI bundle the same way.
import fs from 'node:fs';
import path from 'node:path';

/** What the production build is made of. */
export const BUILD_SOURCES = ['src', 'messages', 'drizzle', 'static', 'project.inlang/settings.json', 'package.json', 'svelte.config.js', 'vite.config.ts'];

/** Generated folders that a build rewrites itself (their times say nothing about the sources). */
export const skipGenerated = (/** @type {string} */ name) => name === 'paraglide' || name === 'node_modules';

/**
 * The newest modification time (ms) of the given paths (relative to `root`) and everything below
 * them; entries whose name `skip` accepts are left out, with what is below them. Missing paths count 0.
 * @param {string} root
 * @param {string[]} paths
 * @param {(name: string) => boolean} [skip]
 * @returns {number}
 */
export function newestMtime(root, paths, skip = () => false) {
	/** @param {string} p @returns {number} */
	const walk = (p) => {
		if (!fs.existsSync(p)) return 0;
		const st = fs.statSync(p);
		if (!st.isDirectory()) return st.mtimeMs;
		let newest = st.mtimeMs;
		for (const entry of fs.readdirSync(p)) if (!skip(entry)) newest = Math.max(newest, walk(path.join(p, entry)));
		return newest;
	};
	return Math.max(0, ...paths.map((p) => walk(path.join(root, p))));
}
