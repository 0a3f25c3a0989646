import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import { createDatabase } from '../db/index.js';
import { createUserService } from '../admin/index.js';
import { DatelineError } from '../shared/errors.js';
import { systemClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { CliError } from './cli-error.js';
import { readStdin } from './read-stdin.js';

/** `dateline user add --email E --name N --role R`, password on stdin (first line). */
export async function userCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw new CliError(`unknown user command "${sub ?? ''}" (try: dateline user add --email E --name N --role R)`, 2);
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } }, strict: true, allowPositionals: false });
  for (const field of ['email', 'name', 'role'] as const) {
    if (!values[field]) throw new CliError(`user add: --${field} is required`, 2);
  }
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter and Ctrl+D): ');
  const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
  const database = createDatabase(config.database);
  try {
    await database.migrate();
    const users = createUserService({ db: database.db, clock: systemClock, newId: createIdGenerator() });
    const user = await users.add({ email: values.email!, name: values.name!, role: values.role as never, password });
    process.stdout.write(`Created ${user.role} ${user.email} (id ${user.id}, byline /author/${user.personSlug})\n`);
    return 0;
  } catch (err) {
    if (err instanceof DatelineError) throw new CliError(`user add: ${err.field ? `--${err.field}: ` : ''}${err.message}`, 1);
    throw err;
  } finally {
    await database.close();
  }
}
