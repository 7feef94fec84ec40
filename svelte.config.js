import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: process.env.BUILD_DIR ?? 'build' }),
		// SvelteKit's CSRF origin check stays on (the default); see README "Security".
		csp: { mode: 'auto', directives: { 'script-src': ['self'], 'object-src': ['none'], 'base-uri': ['self'] } }
	}
};

export default config;
