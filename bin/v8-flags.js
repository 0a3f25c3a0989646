// V8 settings for a serving process, applied before anything else is loaded (a decision V8 makes
// while the modules load would stay). Imported first by bin/dateline.js and by the benches that
// run the server, so what is measured is what is served.
import { setFlagsFromString } from 'node:v8';

// Allocation-site pretenuring: when objects from one place in the code often outlive a young-
// generation collection, V8 starts allocating that place's objects straight in the old generation.
// Under a server's load it could pick a place that makes per-request objects (as at start-up, when
// everything survives); those old objects then hold each request's young objects alive until the
// next full collection. Measured on a cached article at 15,000 req/s: each young collection then
// took 8–10 ms instead of 0.6–0.8 ms and moved 4–5 MB to the old generation (none otherwise), a
// quarter of the throughput gone, in some server starts and not others. Without pretenuring every
// start behaves like the good ones.
setFlagsFromString('--no-allocation-site-pretenuring');
