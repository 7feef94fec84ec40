// Adds lock entries for optional platform packages that `npm install` left out.
//
// Why: the package registry this project is developed against serves only the binaries of the
// machine's own platform (linux-x64-gnu); npm install then drops every other platform's optional
// package (rollup, esbuild, duckdb, lix...) from package-lock.json, and `npm ci` refuses the lock
// as "out of sync" ("Missing: @rollup/rollup-darwin-arm64@ from lock file"). A stub entry
// (version + optional, nothing to download) satisfies npm ci; on other platforms npm fetches the
// named version as usual. Run `npm run lock:fix` after every dependency change.
const fs = require('fs');
const file = process.argv[2] || 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pk = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(pk)) {
  const opt = entry.optionalDependencies || {};
  for (const [name, spec] of Object.entries(opt)) {
    // resolve like node: nested first, then hoisted
    const nested = (key ? key + '/' : '') + 'node_modules/' + name;
    const top = 'node_modules/' + name;
    if (pk[nested] || pk[top]) continue;
    if (!/^\d+\.\d+\.\d+/.test(spec)) continue;
    pk[top] = { version: spec, optional: true };
    added++;
  }
}
const sorted = {};
for (const k of Object.keys(pk).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))) sorted[k] = pk[k];
lock.packages = sorted;
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} stub entries`);
