import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForChild } from './server-process.js';

const shipped = new URL('../../deploy/varnish/dateline.vcl', import.meta.url).pathname;

/** Whether varnishd and the xkey module are installed (Debian: varnish, varnish-modules); CI must have them. */
export function varnishAvailable(): boolean {
  const found = spawnSync('varnishd', ['-V'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.CI === 'true') throw new Error('varnishd is required under CI (apt-get install varnish varnish-modules)');
  return found;
}

/**
 * The shipped VCL with its one backend replaced by `ports` (a round robin over them), and
 * `edit` applied for what a test needs to see sooner (a shorter TTL).
 */
export function vclFor(ports: number[], edit: (vcl: string) => string = (v) => v): string {
  let vcl = readFileSync(shipped, 'utf8');
  const backend = /backend dateline_1 \{[\s\S]*?\n\}\n/.exec(vcl)?.[0];
  if (!backend) throw new Error('deploy/varnish/dateline.vcl no longer has the dateline_1 backend block this test rewrites');
  vcl = vcl.replace(backend, ports.map((port, i) => backend.replace('dateline_1', `dateline_${i + 1}`).replace('"3000"', `"${port}"`).replace('.interval = 2s', '.interval = 500ms')).join('\n'));
  vcl = vcl.replace('    dateline.add_backend(dateline_1);\n', ports.map((_, i) => `    dateline.add_backend(dateline_${i + 1});\n`).join(''));
  return edit(vcl);
}

export interface VarnishProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts varnishd in the foreground on a free loopback port with `vcl`; resolves when it answers. */
export async function startVarnish(vcl: string): Promise<VarnishProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-varnish-'));
  const file = join(dir, 'dateline.vcl');
  writeFileSync(file, vcl);
  // varnishd run as root hands the VCL to its own unprivileged user.
  chmodSync(dir, 0o755);
  chmodSync(file, 0o644);
  const port = await freePort();
  const child: ChildProcess = spawn('varnishd', ['-F', '-n', join(dir, 'work'), '-a', `127.0.0.1:${port}`, '-T', 'none', '-f', file, '-s', 'malloc,32m', '-p', 'thread_pools=1', '-p', 'thread_pool_min=10'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitForChild(child, 'varnishd', () => output, 30_000, () => fetch(url, { method: 'PURGE', headers: { 'xkey-purge': 'nothing' } }).then((r) => r.status === 200).catch(() => false));
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
