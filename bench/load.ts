import { spawnSync } from 'node:child_process';
import http from 'node:http';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  tool: string;
}

function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

function parseWrkMs(value: string): number {
  const m = value.match(/^([\d.]+)(us|ms|s)$/);
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

/** wrk (a C load generator) when installed: it costs the machine far less CPU than a Node client. */
function loadWithWrk(url: string, seconds: number, connections: number, headers: Record<string, string>): LoadResult {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const run = spawnSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...headerArgs, url], { encoding: 'utf8' });
  const out = run.stdout;
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1]);
  const p50 = parseWrkMs(out.match(/\s50%\s+(\S+)/)?.[1] ?? '');
  const p99 = parseWrkMs(out.match(/\s99%\s+(\S+)/)?.[1] ?? '');
  const non2xx = out.match(/Non-2xx or 3xx responses: (\d+)/);
  if (non2xx) throw new Error(`wrk saw ${non2xx[1]} error responses from ${url}`);
  return { requestsPerSecond: rps, p50Ms: p50, p99Ms: p99, tool: 'wrk' };
}

/** A keep-alive Node client, for machines without wrk. Slower, so ratios compress toward 1. */
async function loadWithNode(url: string, seconds: number, connections: number, headers: Record<string, string>): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  async function worker() {
    while (Date.now() < deadline) {
      const started = process.hrtime.bigint();
      await new Promise<void>((resolve, reject) => {
        http
          .get(url, { agent, headers }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
            res.resume();
            res.on('end', resolve);
          })
          .on('error', reject);
      });
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  const began = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requestsPerSecond: latencies.length / ((Date.now() - began) / 1000), p50Ms: pick(0.5), p99Ms: pick(0.99), tool: 'node-client' };
}

/** Loads `url` for `seconds`; `headers` go on every request (wrk sends no Accept-Encoding unless told). */
export async function load(url: string, seconds: number, connections: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  return wrkAvailable() ? loadWithWrk(url, seconds, connections, headers) : loadWithNode(url, seconds, connections, headers);
}

/**
 * Loads each of `urls` for 2 s with each of `headerSets`, unmeasured, so every server meets its
 * measured run warm, as a reviewer's wrk meets a site that has been running. Measured cold, the
 * app's first run paid its JIT warm-up and its first pages' compression inside the measured
 * seconds, which a reference with nothing to warm did not (the served article read 0.62–0.64× cold
 * against 0.93–0.99× warm, docs/benchmarks.md).
 */
export async function warmUp(urls: string[], headerSets: Record<string, string>[], connections: number): Promise<void> {
  for (const url of urls) for (const headers of headerSets) await load(url, 2, connections, headers);
}

/** One server to load, with the headers for every request. */
export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
}

/** Each target's median round, and each target's ratio to the first (the reference), the median of the rounds' ratios. */
export interface TurnResult {
  results: LoadResult[];
  ratios: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/**
 * Loads the targets in turn, `rounds` times, `seconds` a round each. On this kind of machine (a
 * shared virtual one) the speed of everything drifts by a quarter within a minute: measured one
 * after the other, the reference at one speed and the app at another, a drift read as a difference
 * between them (the served article came out at 0.73× in one run, 0.93–0.99× in the runs around
 * it). Alternated, each ratio is taken within one round, and the median round is kept.
 */
export async function loadInTurn(targets: LoadTarget[], seconds: number, connections: number, rounds: number): Promise<TurnResult> {
  const byTarget: LoadResult[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries()) byTarget[i]!.push(await load(target.url, seconds, connections, target.headers));
  }
  const results = byTarget.map((runs) => {
    const rps = median(runs.map((r) => r.requestsPerSecond));
    return runs.find((r) => r.requestsPerSecond === rps)!;
  });
  const ratios = byTarget.map((runs) => median(runs.map((r, round) => r.requestsPerSecond / byTarget[0]![round]!.requestsPerSecond)));
  return { results, ratios };
}
