import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Every process loads the site's modules at start (each worker of `dateline serve`, each CLI
 * command loads the configuration), so a library only some sites use is loaded when it is first
 * needed: the AWS SDK (MEDIA_STORAGE=s3://…, 0.17–0.3 s to load), nodemailer (SMTP_URL, 0.06–0.2 s)
 * and ioredis (REDIS_URL, 0.07 s). Loaded with the configuration, they made `dateline help` take
 * 1 s instead of 0.65 and a worker's start 2.6–3.7 s instead of 2.2–2.8.
 */
const LAZY = ['@aws-sdk/client-s3', 'nodemailer', 'ioredis'];

/** The packages of LAZY a fresh process has loaded after importing the configuration and the app's modules. */
const PROBE = `
import Module from 'node:module';
await import('./src/config/index.ts');
await import('./src/server/create-app.ts');
const loaded = new Set();
for (const file of Object.keys(Module._cache)) {
  const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file);
  if (match) loaded.add(match[1]);
}
process.stdout.write(JSON.stringify({ lazy: ${JSON.stringify(LAZY)}.filter((name) => loaded.has(name)), fastify: loaded.has('fastify') }));
`;

test('starting the site does not load the S3 SDK, nodemailer or ioredis unless they are configured', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { cwd: new URL('../..', import.meta.url).pathname, timeout: 60_000 });
  const found = JSON.parse(stdout) as { lazy: string[]; fastify: boolean };
  assert.equal(found.fastify, true, 'the probe sees the packages the site loads (fastify is one)');
  assert.deepEqual(found.lazy, []);
});
