import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const bin = new URL('../../bin/dateline.js', import.meta.url).pathname;

export interface ServerProcess {
  url: string;
  /** The process started (the cluster's primary with several workers). */
  pid: number;
  /** Everything the process printed so far. */
  output(): string;
  /** The first-run setup path it printed, if any. */
  setupPath(): string | null;
  /** Milliseconds from spawning the command to its banner ("… is running at …") showing. */
  bannerAfterMs: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A free TCP port on loopback (the OS picks one, then we let it go). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Polls `ready` every 100 ms until it says yes; fails with the child's output if the child exits
 * first or `timeoutMs` passes (and then kills it).
 */
export async function waitForChild(child: ChildProcess, name: string, output: () => string, timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer within ${timeoutMs} ms:\n${output()}`);
    }
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the real `dateline serve` in its own process, as an outlet runs it (one node of
 * several), and resolves once it answers /healthz.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  // A caller that must know the port first (a proxy in front) passes PORT.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], {
    // One process unless a test asks for workers: the others kill and restart "the server" as one process.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), SITE_URL: `http://127.0.0.1:${port}`, WEB_CONCURRENCY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const spawnedAt = Date.now();
  let bannerAt = 0;
  child.stdout!.on('data', (d) => {
    output += d;
    if (!bannerAt && output.includes('is running at')) bannerAt = Date.now();
  });
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // The setup link is printed just after listening; wait for the banner, not only the socket.
  await waitForChild(child, 'dateline serve', () => output, timeoutMs, async () => output.includes('Stop with Ctrl+C') && (await fetch(`${url}/healthz`).then((r) => r.ok).catch(() => false)));
  return {
    url,
    pid: child.pid!,
    output: () => output,
    setupPath: () => /(\/admin\/setup\?token=[A-Za-z0-9_-]+)/.exec(output)?.[1] ?? null,
    bannerAfterMs: bannerAt - spawnedAt,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}
