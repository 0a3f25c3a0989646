import type { Config } from '../config/index.js';
import { createApp } from '../server/create-app.js';
import { CliError } from './cli-error.js';

export async function serveCommand(config: Config, args: string[]): Promise<number> {
  if (args.length) throw new CliError(`serve takes no arguments (got ${args.join(' ')}); configure it with environment variables`, 2);
  const started = Date.now();
  const app = await createApp(config);
  await app.listen();
  const setup = await app.setupPath();
  const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
  process.stdout.write(
    [
      '',
      `  ${config.site.name} is running at ${config.site.url}/  (started in ${Date.now() - started} ms, ${where})`,
      setup
        ? `  No admin yet. Create the first one (this link works once):\n    ${config.site.url}${setup}\n  or: echo "a-long-password" | npx dateline user add --email you@example.com --name "Your Name" --role admin`
        : `  Editors sign in at ${config.site.url}/admin`,
      '  Stop with Ctrl+C.',
      '',
    ].join('\n') + '\n',
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  app.log.info('shutting down');
  await app.close();
  return 0;
}
