import { Worker } from 'node:worker_threads';
import type { CardFont } from './card-fonts.js';
import type { CardNode } from './card-layout.js';

export interface SvgRequest {
  id: number;
  node: CardNode;
  size: { width: number; height?: number };
}
export type SvgReply = { id: number; svg: string } | { id: number; error: string };

// The worker runs TypeScript, so it registers tsx's loader first, as bin/dateline.js does for the
// main thread (a second registration, under `node --import tsx`, is harmless). A failure to start is
// left unhandled: it ends the worker with the error, which reaches the 'error' handler below and
// fails the layouts waiting (the card job logs them).
const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER_MODULE = new URL('./svg-layout-worker.ts', import.meta.url).href;
/** How long the worker stays after its last layout: a card job's pass draws many cards in a row. */
const IDLE_MS = 60_000;

const BOOT = `(async () => {
  const { register } = await import(${JSON.stringify(TSX_API)});
  register();
  await import(${JSON.stringify(WORKER_MODULE)});
})();`;

/**
 * satori's text layout on a worker thread. Measured on the main thread it held the event loop
 * 25–41 ms per card (several layouts per card to fit the headline), so every page asked for while
 * the card job ran waited that long: after an archive import the job draws thousands. Here the
 * main thread only sends the layout tree and receives the SVG text.
 *
 * The worker starts on the first layout and is unref'd while idle, so it never keeps a process
 * (a CLI command, a test) alive; after `idleMs` without work it stops, giving back its memory
 * (about 70 MB with satori and the fonts loaded) until the next card, which starts it again in
 * about 0.3 s. A worker that dies fails the layouts it held and is replaced on the next one.
 */
export function createSvgLayoutThread(fonts?: () => CardFont[], options: { idleMs?: number } = {}) {
  const idleMs = options.idleMs ?? IDLE_MS;
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (svg: string) => void; reject: (error: Error) => void }>();

  function stopWhenIdle(idle: Worker): void {
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (worker !== idle || pending.size > 0) return;
      worker = null;
      void idle.terminate();
    }, idleMs);
    idleTimer.unref();
  }

  function failAll(error: Error): void {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = null;
  }

  function start(): Worker {
    const started = new Worker(BOOT, { eval: true, workerData: { fonts: fonts?.() } });
    started.unref();
    started.on('message', (reply: SvgReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) {
        started.unref();
        stopWhenIdle(started);
      }
      if ('error' in reply) waiting.reject(new Error(`share card layout: ${reply.error}`));
      else waiting.resolve(reply.svg);
    });
    started.on('error', (error) => {
      if (worker === started) failAll(error);
    });
    started.on('exit', (code) => {
      if (worker === started) failAll(new Error(`share card layout thread exited (${code})`));
    });
    return started;
  }

  return {
    svg(node: CardNode, size: { width: number; height?: number }): Promise<string> {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      worker ??= start();
      const id = nextId++;
      // Held while it has work: the answer must arrive even when nothing else keeps the process up.
      worker.ref();
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker!.postMessage({ id, node, size } satisfies SvgRequest);
      });
    },

    /** Stops the worker (tests; a process exiting does not need it). */
    /** Whether a worker is running now (tests). */
    get running(): boolean {
      return worker !== null;
    },

    async close(): Promise<void> {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      const running = worker;
      worker = null;
      if (running) await running.terminate();
      failAll(new Error('share card layout thread closed'));
    },
  };
}
