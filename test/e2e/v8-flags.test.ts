import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

// bin/v8-flags.js turns off V8's allocation-site pretenuring for serving processes (why: its
// comment). Measured by behaviour, since V8 offers no way to read a flag back: a probe makes one
// site's objects survive, then counts how much of a fresh batch from that site lands in the old
// generation.
const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const probe = fileURLToPath(new URL('../support/pretenuring-probe.mjs', import.meta.url));

async function oldGrowth(preload: string[]): Promise<number> {
  const { stdout } = await run(process.execPath, [...preload, probe], { cwd: root });
  return (JSON.parse(stdout) as { oldGrowth: number }).oldGrowth;
}

// V8 decides to pretenure from statistics taken at scavenges, and where those fall differs from run to
// run: on Node 24.21 about four probe runs in ten saw no pretenuring (1 KB), or a full collection
// ending mid-batch (a negative growth). So the premise asks whether V8 pretenures here at all, in up
// to eight runs (each ~150 ms), and the check with the flag holds in every one of three.
test('without the flag the probe sees V8 pretenure a site (so the check below can fail)', async () => {
  const growths: number[] = [];
  while (growths.length < 8 && !growths.some((g) => g > 1_000_000)) growths.push(await oldGrowth([]));
  assert.ok(Math.max(...growths) > 1_000_000, `the probe no longer triggers pretenuring (${growths.join(', ')} bytes); it cannot tell the flag works`);
});

test('bin/v8-flags.js keeps every new object young', async () => {
  // Usually 0 bytes on Node 20 and about 1 KB on Node 24 (its own bookkeeping). A pretenured site
  // puts the whole batch there, 2 MB. Without pretenuring, objects that outlive two scavenges falling
  // mid-batch are still promoted the ordinary way: 211,680 bytes in one run of the suite under load.
  // So the bound is the premise's: no run reaches the 1 MB that marks pretenuring.
  for (let run = 0; run < 3; run++) {
    const growth = await oldGrowth(['--import', './bin/v8-flags.js']);
    assert.ok(growth < 1_000_000, `${growth} bytes of the batch went to the old generation`);
  }
});

test('the dateline command and the page bench load the flags before anything else', async () => {
  for (const file of ['bin/dateline.js', 'bench/app-server.ts']) {
    const firstImport = (await readFile(`${root}/${file}`, 'utf8')).split('\n').find((line) => line.startsWith('import '));
    assert.match(firstImport ?? '', /^import '(\.\/|\.\.\/bin\/)v8-flags\.js';$/, file);
  }
});
