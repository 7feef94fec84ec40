/**
 * Every route the app has, found by walking src/routes, so access tests cover new pages and
 * endpoints without being edited. For each route: its URL pattern, its parameters, whether it has a
 * page, which form actions its +page.server.ts exports and which methods its +server.ts exports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const routesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/routes');

export interface RouteInfo {
	/** SvelteKit's route id, e.g. "/(app)/batches/[id]". */
	id: string;
	/** Segments after dropping (groups), e.g. ["batches", "[id]"]. */
	segments: string[];
	params: string[];
	hasPage: boolean;
	/** Form action names ("default" for the default action). */
	actions: string[];
	/** Methods exported by +server.ts (GET, POST, …). */
	methods: string[];
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

function read(file: string): string {
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** The keys of `export const actions = { … }` read from the source (top-level keys only). */
export function actionNames(source: string): string[] {
	const start = source.search(/export\s+const\s+actions\b[^=]*=\s*\{/);
	if (start < 0) return [];
	const names: string[] = [];
	let depth = 0;
	let expectKey = false;
	for (let i = source.indexOf('{', start); i < source.length; i++) {
		const c = source[i];
		if (c === '/' && source[i + 1] === '/') {
			i = source.indexOf('\n', i);
			continue;
		}
		if (c === '/' && source[i + 1] === '*') {
			i = source.indexOf('*/', i) + 1;
			continue;
		}
		if (/\s/.test(c)) continue;
		if (depth === 1 && expectKey) {
			expectKey = false;
			const m = /^(?:async\s+)?(?:'([^']+)'|"([^"]+)"|([A-Za-z_$][\w$]*))\s*(?::|\(|,|\})/.exec(source.slice(i));
			if (m) names.push(m[1] ?? m[2] ?? m[3]);
		}
		if (c === '`' || c === "'" || c === '"') {
			for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
		} else if (c === '{' || c === '(' || c === '[') {
			depth++;
			if (depth === 1) expectKey = true;
		} else if (c === '}' || c === ')' || c === ']') {
			depth--;
			if (depth === 0) break;
		} else if (c === ',' && depth === 1) expectKey = true;
	}
	return [...new Set(names)];
}

export function serverMethods(source: string): string[] {
	return METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source) || new RegExp(`export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source));
}

export function discoverRoutes(dir = routesDir): RouteInfo[] {
	const out: RouteInfo[] = [];
	const walk = (abs: string, rel: string[]) => {
		const files = fs.readdirSync(abs);
		const page = files.some((f) => /^\+page(@.*)?\.svelte$/.test(f));
		const pageServer = files.find((f) => /^\+page\.server\.(ts|js)$/.test(f));
		const server = files.find((f) => /^\+server\.(ts|js)$/.test(f));
		if (page || pageServer || server) {
			const segments = rel.filter((s) => !/^\(.*\)$/.test(s));
			out.push({
				id: '/' + rel.join('/'),
				segments,
				params: segments.flatMap((s) => [...s.matchAll(/\[+(?:\.\.\.)?([\w]+)(?:=\w+)?\]+/g)].map((m) => m[1])),
				hasPage: page || Boolean(pageServer),
				actions: pageServer ? actionNames(read(path.join(abs, pageServer))) : [],
				methods: server ? serverMethods(read(path.join(abs, server))) : []
			});
		}
		for (const f of files.sort()) {
			if (fs.statSync(path.join(abs, f)).isDirectory()) walk(path.join(abs, f), [...rel, f]);
		}
	};
	walk(dir, []);
	return out;
}

/** The URL of a route with its parameters filled by `value(name, segmentBefore)`. */
export function routeUrl(route: RouteInfo, value: (param: string, before: string | undefined) => string): string {
	const parts = route.segments.map((seg, i) =>
		seg.replace(/\[+(?:\.\.\.)?([\w]+)(?:=\w+)?\]+/g, (_m, name: string) => value(name, route.segments[i - 1]))
	);
	return '/' + parts.filter((p) => p !== '').join('/');
}
