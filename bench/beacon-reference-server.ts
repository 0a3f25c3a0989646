// The yardstick for view beacons: a plain node:http server that reads each POST body and
// answers with the same JSON and headers the app answers a counted beacon with, and does
// nothing else (no counting, no storing). Run as a child process; prints its port.
import { createServer } from 'node:http';

const body = Buffer.from(JSON.stringify({ views: 123456, counted: true }));
const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': body.length };

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
