// Runs the real Dateline server for the bench in its own process (so the load
// generator does not share its event loop). Prints the port when listening.
// V8 set as `dateline` sets it (first, before the app's modules load).
import '../bin/v8-flags.js';
import { pino } from 'pino';
import { loadConfig } from '../src/config/index.js';
import { createApp } from '../src/server/create-app.js';

const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent' });
const app = await createApp(config, { log: pino({ level: 'silent' }), backgroundJobs: false });
await app.listen();
const address = app.app.server.address();
process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
