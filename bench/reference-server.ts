// The yardstick: a plain node:http server answering every request with the same
// bytes and headers our article page has (all of them, security headers and request id
// included: bench/article-page.ts copies them from the app's answer): brotli when the request's Accept-Encoding
// names br, gzip when it names gzip, else plain. A substring test is the least work a
// server can do to choose, so the comparison flatters the reference, not us.
// Run as a child process by the bench: reference-server.ts PAGES.json, where the file
// maps each coding to { file, headers }.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

type Coding = 'identity' | 'br' | 'gzip';
const pages = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Record<Coding, { file: string; headers: Record<string, string> }>;
function answer(coding: Coding): { body: Buffer; headers: Record<string, string | number> } {
  const body = readFileSync(pages[coding].file);
  return { body, headers: { ...pages[coding].headers, 'content-length': body.length } };
}
const answers = { identity: answer('identity'), br: answer('br'), gzip: answer('gzip') };

const server = createServer((req, res) => {
  const accept = req.headers['accept-encoding'] ?? '';
  const answer = accept.includes('br') ? answers.br : accept.includes('gzip') ? answers.gzip : answers.identity;
  res.writeHead(200, answer.headers);
  res.end(answer.body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
