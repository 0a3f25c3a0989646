import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { Config } from '../config/index.js';
import { createDatabase } from '../db/index.js';
import { configuredSettings, createAccountTokens, createSettingsService, createSmtpMailer, createUserService, defaultMailFrom, noMail } from '../admin/index.js';
import { DatelineError } from '../shared/errors.js';
import { systemClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { CliError } from './cli-error.js';

/**
 * `dateline user invite --email E --name N --role R`: creates the user without a password and
 * prints the one-time link (7 days) that lets them choose one; with SMTP_URL it is mailed too.
 */
export async function inviteCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } }, strict: true, allowPositionals: false });
  for (const field of ['email', 'name', 'role'] as const) {
    if (!values[field]) throw new CliError(`user invite: --${field} is required`, 2);
  }
  const database = createDatabase(config.database);
  try {
    await database.migrate();
    const { db } = database;
    const settings = createSettingsService(db, configuredSettings(config.site));
    const mailer = config.mail.smtpUrl
      ? createSmtpMailer({ url: config.mail.smtpUrl, from: async () => config.mail.from ?? defaultMailFrom((await settings.get()).siteName, config.site.url) })
      : noMail;
    const tokens = createAccountTokens({
      db,
      clock: systemClock,
      log: pino({ level: 'warn' }, pino.destination(2)),
      users: createUserService({ db, clock: systemClock, newId: createIdGenerator() }),
      mailer,
      siteUrl: config.site.url,
      site: () => settings.get(),
    });
    const invited = await tokens.invite({ email: values.email!, name: values.name!, role: values.role as never }, null);
    const mailed = invited.mail === 'sent' ? ' It was mailed to them.' : invited.mail === 'failed' ? ' The mail could not be sent: pass the link on yourself.' : '';
    process.stdout.write(`Invited ${values.role} ${values.email!.trim().toLowerCase()}. They choose a password with this link, which works once, until ${invited.expiresAt}:${mailed}\n${invited.url}\n`);
    return 0;
  } catch (err) {
    if (err instanceof DatelineError) throw new CliError(`user invite: ${err.field ? `--${err.field}: ` : ''}${err.message}`, 1);
    throw err;
  } finally {
    await database.close();
  }
}
