#!/usr/bin/env node
// `npm start`: serve the production build on PORT (default 3000), building first when the build
// is missing or older than the sources. HOST, PORT and ORIGIN are passed to the Node adapter.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_SOURCES, newestMtime, skipGenerated } from './newest-mtime.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildEntry = path.join(root, 'build', 'index.js');
const builtAt = fs.existsSync(buildEntry) ? fs.statSync(buildEntry).mtimeMs : 0;
const sourcesAt = newestMtime(root, BUILD_SOURCES, skipGenerated);
if (builtAt < sourcesAt) {
	console.log(builtAt ? 'Sources changed since the last build: building…' : 'No build yet: building…');
	const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) {
		console.error('The build failed; see the messages above.');
		process.exit(r.status ?? 1);
	}
}

const env = { ...process.env, PORT: process.env.PORT ?? '3000' };
if (!env.BODY_SIZE_LIMIT) env.BODY_SIZE_LIMIT = `${Number(env.MAX_UPLOAD_MB ?? 100) + 1}M`;
console.log(`Creator Ledger on http://${env.HOST && env.HOST !== '0.0.0.0' ? env.HOST : 'localhost'}:${env.PORT}`);
const child = spawn(process.execPath, [buildEntry], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
