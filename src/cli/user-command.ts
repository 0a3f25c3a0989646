import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import { createDatabase } from '../db/index.js';
import { createAuthService, createUserService } from '../admin/index.js';
import { DatelineError } from '../shared/errors.js';
import { systemClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { CliError } from './cli-error.js';
import { readStdin } from './read-stdin.js';
import { inviteCommand } from './invite-command.js';

/**
 * `dateline user add --email E --name N --role R` and
 * `dateline user reset-password --email E`; the password is the first line of stdin.
 * `dateline user invite --email E --name N --role R` prints a one-time link instead (invite-command.ts).
 */
export async function userCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'reset-password') return resetPassword(config, rest);
  if (sub === 'invite') return inviteCommand(config, rest);
  if (sub !== 'add') throw new CliError(`unknown user command "${sub ?? ''}" (try: dateline user add --email E --name N --role R, dateline user invite --email E --name N --role R, or dateline user reset-password --email E)`, 2);
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

async function resetPassword(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } }, strict: true, allowPositionals: false });
  if (!values.email) throw new CliError('user reset-password: --email is required', 2);
  if (process.stdin.isTTY) process.stderr.write('New password (then Enter and Ctrl+D): ');
  const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
  const database = createDatabase(config.database);
  try {
    await database.migrate();
    const user = await database.db.selectFrom('users').select(['id', 'email']).where('email', '=', values.email.trim().toLowerCase()).executeTakeFirst();
    if (!user) throw new CliError(`user reset-password: --email: no user ${values.email}`, 1);
    await createAuthService({ db: database.db, clock: systemClock, newId: createIdGenerator() }).setPassword(user.id, password);
    process.stdout.write(`Password changed for ${user.email}; their sessions were ended.\n`);
    return 0;
  } catch (err) {
    if (err instanceof DatelineError) throw new CliError(`user reset-password: ${err.field ? `--${err.field}: ` : ''}${err.message}`, 1);
    throw err;
  } finally {
    await database.close();
  }
}
