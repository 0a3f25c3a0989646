import { spawn } from 'node:child_process';

const bin = new URL('../../bin/dateline.js', import.meta.url).pathname;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `dateline` command in a child process, as a user would. A command still running
 * after `timeoutMs` is killed and answers code -1 (a command that should have ended and hangs).
 */
export function runCli(args: string[], env: Record<string, string>, stdin = '', timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', () => clearTimeout(timer));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** DATABASE_URL for a test database handle's target. */
export function databaseUrl(target: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }): string {
  return target.kind === 'sqlite' ? `sqlite:${target.file}` : target.url;
}
