// A small static file server for dist/: correct MIME types (application/wasm
// for .wasm, which WebAssembly.instantiateStreaming requires), no directory
// listing, no path escaping the root, optional extra headers (e.g. a CSP).
// Used by scripts/serve and by the Playwright tests (tests/e2e/lib/browser.mjs).
// Node's standard library only, so it runs before `npm ci`.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Starts serving `root` on `host`:`port` (port 0 picks a free one).
 * `headers` are added to every response. Resolves to
 * `{ url, port, close() }` once the server listens.
 */
export async function startStaticServer({ root, host = '127.0.0.1', port = 0, headers = {} } = {}) {
  if (!root) throw new Error('startStaticServer: root is required');
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (code, type, body, extra = {}) => {
      res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-cache', ...headers, ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      send(400, 'text/plain; charset=utf-8', 'bad request\n');
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      send(403, 'text/plain; charset=utf-8', 'forbidden\n');
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      send(200, MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', body);
    } catch {
      send(404, 'text/plain; charset=utf-8', 'not found\n');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
