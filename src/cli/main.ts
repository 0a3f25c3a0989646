import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/index.js';
import { helpText } from './help.js';
import { serveCommand } from './serve-command.js';
import { migrateCommand } from './migrate-command.js';
import { userCommand } from './user-command.js';
import { ingestCommand } from './ingest-command.js';
import { backupCommand, restoreCommand } from './backup-command.js';
import { mediaCommand } from './media-command.js';
import { CliError } from './cli-error.js';

/**
 * Entry point of the `dateline` command: picks the subcommand, loads the config
 * once and turns known failures into one clear line on stderr and an exit code
 * (1: the input was refused, 2: usage or configuration).
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(helpText());
    return 0;
  }
  const commands: Record<string, (args: string[]) => Promise<number>> = {
    serve: (args) => serveCommand(loadConfig(), args),
    migrate: (args) => migrateCommand(loadConfig(), args),
    user: (args) => userCommand(loadConfig(), args),
    ingest: (args) => ingestCommand(loadConfig(), args),
    backup: (args) => backupCommand(loadConfig(), args),
    restore: (args) => restoreCommand(loadConfig(), args),
    media: (args) => mediaCommand(loadConfig(), args),
  };
  const run = commands[command];
  if (!run) throw new CliError(`unknown command "${command}" (try: dateline help)`, 2);
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`dateline: ${err.message}\n`);
      process.exitCode = 2;
    } else if (err instanceof CliError) {
      process.stderr.write(`dateline: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`dateline: ${err.message} (try: dateline help)\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`dateline: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    }
  },
);

export { parseArgs };
