// Makes one allocation site's objects outlive young collections, as objects made at start-up do,
// then prints how much of the next batch from that site V8 placed straight in the old generation
// (test/e2e/v8-flags.test.ts).
import { getHeapSpaceStatistics } from 'node:v8';
const make = (i) => ({ i, next: null, more: [i] });
const kept = [];
for (let round = 0; round < 60; round++) {
  for (let i = 0; i < 20000; i++) kept.push(make(i));
  if (kept.length > 200000) kept.splice(0, 100000);
}
kept.length = 0;
const used = (name) => getHeapSpaceStatistics().find((s) => s.space_name === name).space_used_size;
const old0 = used('old_space');
const batch = [];
for (let i = 0; i < 20000; i++) batch.push(make(i));
console.log(JSON.stringify({ oldGrowth: used('old_space') - old0 }));
