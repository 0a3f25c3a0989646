// The yardstick: a plain node:http server answering every request with the same
// bytes and headers our article page has. Run as a child process by the bench.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.argv[2]!);
const headers = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Record<string, string>;
const server = createServer((_req, res) => {
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
