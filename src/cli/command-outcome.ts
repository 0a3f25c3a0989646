import { ConfigError } from '../config/index.js';
import { StartupError } from '../shared/startup-errors.js';
import { CliError } from './cli-error.js';

/**
 * Turns a command's outcome into the process's exit: its status, or one clear line on stderr for a
 * known failure (1: the input was refused, 2: usage or configuration), a stack for anything else.
 *
 * A command whose work stopped without settling (a stream waited on that will never end: a truncated
 * backup once did it) would leave with status 0 once node had nothing left to do, as if it had
 * succeeded. So node running out of work first is a failure too, said as such.
 * `keepsRunning`: a command (serve) whose success leaves the process up with its status unset.
 */
export function exitWithOutcome(outcome: Promise<number>, keepsRunning = false): void {
  let settled = false;
  process.once('beforeExit', () => {
    if (settled) return;
    process.stderr.write('dateline: the command stopped before it finished (an internal error): check what it did before running it again\n');
    process.exitCode = 1;
  });
  outcome.then(
    (code) => {
      settled = true;
      if (code !== 0 || !keepsRunning) process.exitCode = code;
    },
    (err: unknown) => {
      settled = true;
      process.exitCode = 1;
      if (err instanceof ConfigError) {
        process.stderr.write(`dateline: ${err.message}\n`);
        process.exitCode = 2;
      } else if (err instanceof StartupError) {
        process.stderr.write(`dateline: ${err.message}\n`);
      } else if (err instanceof CliError) {
        process.stderr.write(`dateline: ${err.message}\n`);
        process.exitCode = err.exitCode;
      } else if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        process.stderr.write(`dateline: ${err.message} (try: dateline help)\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`dateline: ${(err as Error)?.stack ?? String(err)}\n`);
      }
      // A command that failed part way may hold a connection or timer open: leave anyway.
      setTimeout(() => process.exit(), 1000).unref();
    },
  );
}
