import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMediaFetcher, type FetchMediaResult } from './fetch-media.js';
import { parseNinjs } from './ninjs.js';

const IMAGE = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));
const MAX_BYTES = 1_000;

let server: http.Server;
let base = '';
let hostPort = '';
const hostHeaders: string[] = [];

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  hostHeaders.push(req.headers.host ?? '');
  const path = req.url ?? '/';
  const hop = /^\/hop\/(\d+)$/.exec(path);
  if (path === '/image.jpg') {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': IMAGE.length });
    res.end(IMAGE);
  } else if (path === '/declared-big') {
    res.writeHead(200, { 'content-length': MAX_BYTES * 4 });
    res.end(Buffer.alloc(MAX_BYTES * 4));
  } else if (path === '/streamed-big') {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    for (let i = 0; i < 8; i++) res.write(Buffer.alloc(400));
    res.end();
  } else if (path === '/slow') {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.write(Buffer.alloc(10));
  } else if (path === '/broken') {
    res.writeHead(500);
    res.end('boom');
  } else if (path === '/to-private') {
    res.writeHead(302, { location: 'http://10.0.0.7/secret.jpg' });
    res.end();
  } else if (path === '/to-localhost') {
    res.writeHead(301, { location: `http://localhost:${new URL(base).port}/image.jpg` });
    res.end();
  } else if (path === '/to-file') {
    res.writeHead(302, { location: 'file:///etc/passwd' });
    res.end();
  } else if (hop) {
    const left = Number(hop[1]);
    res.writeHead(left === 0 ? 307 : 302, { location: left === 0 ? '/image.jpg' : `/hop/${left - 1}` });
    res.end();
  } else {
    res.writeHead(404);
    res.end();
  }
}

before(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  hostPort = `127.0.0.1:${port}`;
  base = `http://${hostPort}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

function allowLocal(extra: Parameters<typeof createMediaFetcher>[0] = {}) {
  return createMediaFetcher({ allowHosts: [hostPort], maxBytes: MAX_BYTES, timeoutMs: 1_000, ...extra });
}

function assertFailure(result: FetchMediaResult, reason: string): string {
  assert.equal(result.ok, false, `expected ${reason}, got success`);
  assert.ok(!result.ok);
  assert.equal(result.reason, reason, result.message);
  return result.message;
}

test('an allow-listed host returns the image bytes and content type', async () => {
  const result = await allowLocal().fetchMedia(`${base}/image.jpg`);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.bytes, IMAGE);
  assert.equal(result.contentType, 'image/jpeg');
});

test('a missing image is not_found and a server error is http_error', async () => {
  const fetcher = allowLocal();
  assertFailure(await fetcher.fetchMedia(`${base}/nothing-here.jpg`), 'not_found');
  assert.match(assertFailure(await fetcher.fetchMedia(`${base}/broken`), 'http_error'), /500/);
});

test('a body past maxBytes is too_large, whether declared or streamed', async () => {
  const fetcher = allowLocal();
  assertFailure(await fetcher.fetchMedia(`${base}/declared-big`), 'too_large');
  assertFailure(await fetcher.fetchMedia(`${base}/streamed-big`), 'too_large');
});

test('loopback is forbidden unless allow-listed', async () => {
  const before = hostHeaders.length;
  const result = await createMediaFetcher({ timeoutMs: 1_000 }).fetchMedia(`${base}/image.jpg`);
  assert.match(assertFailure(result, 'forbidden_address'), /127\.0\.0\.1/);
  assert.equal(hostHeaders.length, before, 'no request may reach the server');
});

test('a redirect to a private or non-allow-listed address is forbidden', async () => {
  const fetcher = allowLocal();
  assertFailure(await fetcher.fetchMedia(`${base}/to-private`), 'forbidden_address');
  assertFailure(await fetcher.fetchMedia(`${base}/to-localhost`), 'forbidden_address');
  assertFailure(await fetcher.fetchMedia(`${base}/to-file`), 'bad_url');
});

test('three redirects are followed and a fourth is refused', async () => {
  const fetcher = allowLocal();
  const three = await fetcher.fetchMedia(`${base}/hop/2`);
  assert.ok(three.ok, JSON.stringify(three));
  assert.deepEqual(three.bytes, IMAGE);
  assert.match(assertFailure(await fetcher.fetchMedia(`${base}/hop/3`), 'http_error'), /redirects/);
});

test('a response that stalls past the deadline is a timeout', async () => {
  const started = Date.now();
  assertFailure(await allowLocal({ timeoutMs: 150 }).fetchMedia(`${base}/slow`), 'timeout');
  assert.ok(Date.now() - started < 1_000);
});

test('the request goes to the vetted address with the original Host header', async () => {
  const lookup = async (hostname: string) => {
    assert.equal(hostname, 'media.test');
    return [{ address: '127.0.0.1', family: 4 as const }];
  };
  const port = new URL(base).port;
  const result = await allowLocal({ allowHosts: ['media.test'], lookup }).fetchMedia(`http://media.test:${port}/image.jpg`);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(hostHeaders.at(-1), `media.test:${port}`);
});

test('a host with any private answer is refused, and unresolvable hosts are http_error', async () => {
  const mixed = async () => [
    { address: '93.184.216.34', family: 4 as const },
    { address: '::ffff:192.168.0.9', family: 6 as const },
  ];
  assertFailure(await createMediaFetcher({ lookup: mixed }).fetchMedia('https://mixed.test/a.jpg'), 'forbidden_address');
  const none = async () => {
    throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' });
  };
  assert.match(assertFailure(await createMediaFetcher({ lookup: none }).fetchMedia('https://nowhere.test/a.jpg'), 'http_error'), /ENOTFOUND/);
});

test('URLs that are not absolute http(s) or file URLs are bad_url', async () => {
  const fetcher = allowLocal();
  for (const href of ['javascript:alert(1)', 'not a url', 'ftp://example.com/a.jpg', 'data:image/png;base64,AA', `http://user:pw@${hostPort}/image.jpg`]) {
    assertFailure(await fetcher.fetchMedia(href), 'bad_url');
  }
});

test('an injected fetch still has every redirect target vetted', async () => {
  const seen: string[] = [];
  const fetchImpl = (async (input: string | URL | Request) => {
    seen.push(String(input));
    return new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } });
  }) as typeof fetch;
  const lookup = async (host: string) => [{ address: host === 'cdn.test' ? '93.184.216.34' : host, family: 4 as const }];
  const result = await createMediaFetcher({ fetchImpl, lookup }).fetchMedia('https://cdn.test/p.jpg');
  assertFailure(result, 'forbidden_address');
  assert.deepEqual(seen, ['https://cdn.test/p.jpg']);
});

test('an injected fetch returns streamed bytes and honours maxBytes', async () => {
  const fetchImpl = (async () => new Response(new Uint8Array(50), { headers: { 'content-type': 'image/png' } })) as typeof fetch;
  const lookup = async () => [{ address: '93.184.216.34', family: 4 as const }];
  const ok = await createMediaFetcher({ fetchImpl, lookup }).fetchMedia('https://cdn.test/p.png');
  assert.ok(ok.ok);
  assert.equal(ok.bytes.length, 50);
  assert.equal(ok.contentType, 'image/png');
  assertFailure(await createMediaFetcher({ fetchImpl, lookup, maxBytes: 49 }).fetchMedia('https://cdn.test/p.png'), 'too_large');
});

// --- file:// ---

const root = mkdtempSync(join(tmpdir(), 'dateline-fetch-media-'));
const allowed = join(root, 'allowed');
const outsideDir = join(root, 'outside');
after(() => rmSync(root, { recursive: true, force: true }));

before(() => {
  mkdirSync(allowed);
  mkdirSync(outsideDir);
  writeFileSync(join(allowed, 'photo.jpg'), IMAGE);
  writeFileSync(join(allowed, 'huge.jpg'), Buffer.alloc(MAX_BYTES + 1));
  writeFileSync(join(outsideDir, 'secret.txt'), 'do not read');
  symlinkSync(join(outsideDir, 'secret.txt'), join(allowed, 'link.jpg'));
  symlinkSync(outsideDir, join(allowed, 'linked-dir'));
});

const fileFetcher = () => createMediaFetcher({ allowFileDirs: [allowed], maxBytes: MAX_BYTES });

test('a file inside an allowed directory is read', async () => {
  const result = await fileFetcher().fetchMedia(pathToFileURL(join(allowed, 'photo.jpg')).href);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.bytes, IMAGE);
  assert.equal(result.contentType, 'image/jpeg');
});

test('files outside the allowed directories are refused, by path, by .. or by symlink', async () => {
  const fetcher = fileFetcher();
  const hrefs = [
    'file:///etc/passwd',
    `file://${allowed}/../outside/secret.txt`,
    `file://${allowed}/%2e%2e/outside/secret.txt`,
    pathToFileURL(join(allowed, 'link.jpg')).href,
    pathToFileURL(join(allowed, 'linked-dir', 'secret.txt')).href,
    pathToFileURL(join(outsideDir, 'missing.jpg')).href,
  ];
  for (const href of hrefs) assertFailure(await fetcher.fetchMedia(href), 'forbidden_address');
  assertFailure(await createMediaFetcher().fetchMedia(pathToFileURL(join(allowed, 'photo.jpg')).href), 'forbidden_address');
});

test('file problems inside the allowed directory have their own reasons', async () => {
  const fetcher = fileFetcher();
  assertFailure(await fetcher.fetchMedia(pathToFileURL(join(allowed, 'missing.jpg')).href), 'not_found');
  assertFailure(await fetcher.fetchMedia(pathToFileURL(join(allowed, 'huge.jpg')).href), 'too_large');
  assertFailure(await fetcher.fetchMedia(`file://fileserver${allowed}/photo.jpg`), 'bad_url');
});

test('a ninjs feature image href with a file URL can be fetched from the ninjs directory', async () => {
  const item = JSON.parse(readFileSync(new URL('./fixtures/ninjs-1x-story.json', import.meta.url), 'utf8'));
  item.associations.featureimage.renditions.original.href = pathToFileURL(join(allowed, 'photo.jpg')).href;
  const parsed = parseNinjs(item);
  assert.ok(parsed.ok && parsed.item.picture);
  const result = await fileFetcher().fetchMedia(parsed.item.picture.href);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.bytes.length, IMAGE.length);
});
