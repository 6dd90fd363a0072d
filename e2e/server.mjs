// A tiny static file server for dist/, on 127.0.0.1 only. Used by `make serve`, the tests and
// the bench. It serves files the way a CDN would: the precompressed `.br` or `.gz` sibling that
// `make dist` wrote (scripts/compress.mjs) when the browser accepts it (brotli first, then
// gzip, else the file as it is), with the original file's Content-Type, `Vary: Accept-Encoding`
// and an ETag per representation; `Cache-Control: no-cache` (the names carry no hash) makes the
// browser revalidate, and a matching If-None-Match gets a 304 without a body.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { isMain } from '../scripts/is-main.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.map': 'application/json',
  '.png': 'image/png',
  '.br': 'application/octet-stream',
  '.gz': 'application/gzip',
};

/** The codings we keep siblings for, in the order we prefer them, with their file suffix. */
const CODINGS = [['br', '.br'], ['gzip', '.gz']];

/**
 * The codings an Accept-Encoding header allows (RFC 9110 12.5.3): a coding is acceptable when
 * it is listed, or `*` is, with a q-value above 0.
 */
export function acceptedCodings(header = '') {
  const q = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    if (!name) continue;
    const qp = params.find((p) => p.startsWith('q='));
    q.set(name, qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const ok = (c) => (q.has(c) ? q.get(c) : (q.get('*') ?? 0)) > 0;
  return CODINGS.filter(([c]) => ok(c)).map(([c]) => c);
}

// ETags by file path, recomputed when the file's size or modification time changes.
const tags = new Map();
async function etag(file, stat) {
  const key = `${stat.size}:${stat.mtimeMs}`;
  const known = tags.get(file);
  if (known?.key === key) return known.tag;
  const hash = crypto.createHash('sha256').update(await fs.readFile(file)).digest('base64url').slice(0, 22);
  const tag = `"${hash}"`;
  tags.set(file, { key, tag });
  return tag;
}

const statOf = (file) => fs.stat(file).catch(() => null);

/** True when the If-None-Match header names `tag` (weak comparison, as for GET). */
function matches(header, tag) {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(tag));
}

/** Starts a server for `root`; resolves to { server, url }. `headers` are added to every reply. */
export async function serve({ root, port = 0, headers = {} }) {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', ...headers }).end();
        return;
      }
      const url = new URL(req.url, 'http://localhost');
      let file = path.normalize(path.join(base, decodeURIComponent(url.pathname)));
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403, headers).end();
        return;
      }
      let stat = await statOf(file);
      if (stat?.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = await statOf(file);
      }
      if (!stat?.isFile()) throw new Error('not found');

      // The representation: the first accepted coding that has a sibling on disk, else the file.
      // A sibling older than its file is stale (e.g. the CSS rebuilt by hand without
      // scripts/compress.mjs) and is never sent.
      const siblings = [];
      for (const [coding, suffix] of CODINGS) {
        const s = await statOf(file + suffix);
        if (s?.isFile() && s.mtimeMs >= stat.mtimeMs) siblings.push({ coding, file: file + suffix, stat: s });
      }
      const accepted = acceptedCodings(req.headers['accept-encoding']);
      const chosen = siblings.find((s) => accepted.includes(s.coding)) ?? { coding: null, file, stat };
      const tag = await etag(chosen.file, chosen.stat);
      const reply = {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        etag: tag,
        'last-modified': stat.mtime.toUTCString(),
        ...(siblings.length ? { vary: 'Accept-Encoding' } : {}),
        ...(chosen.coding ? { 'content-encoding': chosen.coding } : {}),
        ...headers,
      };
      if (matches(req.headers['if-none-match'], tag)) {
        delete reply['content-type'];
        res.writeHead(304, reply).end();
        return;
      }
      const body = req.method === 'HEAD' ? null : await fs.readFile(chosen.file);
      res.writeHead(200, { ...reply, 'content-length': chosen.stat.size });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain', ...headers }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

if (isMain(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const { url } = await serve({ root: arg('--root', 'dist'), port: Number(arg('--port', 8080)) });
  console.log(`Calcinosis Guide demo: ${url}/  (Ctrl+C to stop)`);
}
