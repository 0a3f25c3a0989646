import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { helpText } from './help.js';
import { CliError } from './cli-error.js';
import { exitWithOutcome } from './command-outcome.js';

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

exitWithOutcome(main(process.argv.slice(2)), process.argv[2] === 'serve');

export { parseArgs };
