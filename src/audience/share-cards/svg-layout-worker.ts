// The worker side of svg-layout-thread.ts: lays out card text with satori, one request at a time.
// satori's layout (yoga, HarfBuzz shaping) is synchronous and takes 5–40 ms a call; here it holds
// this thread, not the one answering readers.
import { parentPort, workerData } from 'node:worker_threads';
import type { ReactNode } from 'react';
import type { SatoriOptions } from 'satori';
import { cardFonts, type CardFont } from './card-fonts.js';
import type { SvgRequest, SvgReply } from './svg-layout-thread.js';

const given = (workerData as { fonts?: CardFont[] } | undefined)?.fonts;
// Buffers arrive as plain Uint8Arrays; satori takes either, but the type says Buffer.
const fonts = given ? given.map((f) => ({ ...f, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) })) : cardFonts();
// Imported without waiting, so the listener below is in place before the first request comes.
const loaded = import('satori');

parentPort!.on('message', async (request: SvgRequest) => {
  let reply: SvgReply;
  try {
    const { default: satori } = await loaded;
    // satori's types want React elements; it reads plain { type, props } objects, which is what these are.
    reply = { id: request.id, svg: await satori(request.node as unknown as ReactNode, { ...request.size, fonts } as SatoriOptions) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
