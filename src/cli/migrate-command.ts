import type { Config } from '../config/index.js';
import { createDatabase } from '../db/index.js';
import { CliError } from './cli-error.js';

export async function migrateCommand(config: Config, args: string[]): Promise<number> {
  if (args.length) throw new CliError(`migrate takes no arguments (got ${args.join(' ')})`, 2);
  const database = createDatabase(config.database);
  try {
    const applied = await database.migrate();
    process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n');
    const deferred = await database.deferredIndexesMissing();
    if (deferred.length) process.stdout.write(`Left to the site, built while it serves (docs/deploy.md, "Upgrades"): index ${deferred.join(', ')}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
