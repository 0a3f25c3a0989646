import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/index.js';
import { helpText } from './help.js';
import { CliError } from './cli-error.js';
import { StartupError } from '../shared/startup-errors.js';

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
  // Each command's modules are loaded when it runs: the site's (the server, pictures, language
  // tools) took 2–3 s to load through tsx, which `migrate` and `user add` waited for too.
  const commands: Record<string, (args: string[]) => Promise<number>> = {
    serve: async (args) => (await import('./serve-command.js')).serveCommand(loadConfig(), args),
    migrate: async (args) => (await import('./migrate-command.js')).migrateCommand(loadConfig(), args),
    user: async (args) => (await import('./user-command.js')).userCommand(loadConfig(), args),
    ingest: async (args) => (await import('./ingest-command.js')).ingestCommand(loadConfig(), args),
    backup: async (args) => (await import('./backup-command.js')).backupCommand(loadConfig(), args),
    restore: async (args) => (await import('./backup-command.js')).restoreCommand(loadConfig(), args),
    media: async (args) => (await import('./media-command.js')).mediaCommand(loadConfig(), args),
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
    } else if (err instanceof StartupError) {
      process.stderr.write(`dateline: ${err.message}\n`);
      process.exitCode = 1;
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
    // A command that failed part way may hold a connection or timer open: leave anyway.
    setTimeout(() => process.exit(), 1000).unref();
  },
);

export { parseArgs };
