// Stamps dist/sw.js with the build's version (a hash of every file it will
// cache) and the list of those files, so a new build is a new service worker
// and the browser announces it as an update.
//
//   node scripts/stamp-sw.mjs dist
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dist = process.argv[2] ?? 'dist';
// Not cached: the service worker itself, the demo portal, and the iframe
// allow-list, which must always come fresh from the host.
const skip = (rel) => rel === 'sw.js' || rel === 'embed-config.json' || rel.startsWith('demo/');
// The spreadsheet module is not precached on install: it is cached when the
// page first fetches it (www/sw.js), and precached by later versions only
// for a browser that has used it.
const isSheet = (rel) => rel.startsWith('sheet/');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const all = walk(dist)
  .map((p) => relative(dist, p).split(sep).join('/'))
  .filter((rel) => !skip(rel))
  .sort();
const files = all.filter((rel) => !isSheet(rel));
const sheetFiles = all.filter(isSheet);
const hash = createHash('sha256');
for (const rel of all) {
  hash.update(rel);
  hash.update(readFileSync(join(dist, rel)));
}
const version = hash.digest('hex').slice(0, 16);
const swPath = join(dist, 'sw.js');
const sw = readFileSync(swPath, 'utf8');
const shell = JSON.stringify(['./', ...files]);
const stamped = sw
  .replace('"__JIXIAO_VERSION__"', JSON.stringify(version))
  .replace(/const SHELL = \[.*\]; \/\/ __JIXIAO_SHELL__/, `const SHELL = ${shell};`)
  .replace(/const SHEET = \[.*\]; \/\/ __JIXIAO_SHEET__/, `const SHEET = ${JSON.stringify(sheetFiles)};`);
if (stamped === sw || stamped.includes('__JIXIAO_')) {
  console.error('stamp-sw: dist/sw.js has no __JIXIAO_VERSION__/__JIXIAO_SHELL__ markers to stamp');
  process.exit(1);
}
writeFileSync(swPath, stamped);
console.log(
  `sw.js: version ${version}, ${files.length} files cached for offline use, ${sheetFiles.length} more on first use (sheet/)`
);
