import type { FastifyInstance } from 'fastify';
import { checkKey, contentTypeOf, MEDIA_CACHE_CONTROL, type MediaStorage } from '../media/index.js';

/**
 * `/media/<key>` when the files are in a bucket (MEDIA_STORAGE=s3://…): each answer streams the
 * object through this process. Pages link MEDIA_PUBLIC_URL instead when a CDN or the bucket
 * serves the files itself; these routes keep old links and setups without one working.
 * A store that fails answers 503 with Retry-After (the error handler), never half a file.
 */
export async function mediaFileRoutes(app: FastifyInstance, storage: MediaStorage): Promise<void> {
  app.get<{ Params: { '*': string } }>('/media/*', async (request, reply) => {
    const key = request.params['*'];
    let valid = true;
    try {
      checkKey(key);
    } catch {
      valid = false;
    }
    const file = valid ? await storage.stream(key) : null;
    if (!file) return reply.code(404).header('cache-control', 'public, max-age=60').type('text/plain; charset=utf-8').send('Not found\n');
    // The key never names two contents (ids, claims and times are in it), so size and time make a sound validator.
    const etag = `"${file.size.toString(36)}-${Math.floor(file.modifiedAt / 1000).toString(36)}"`;
    reply.header('cache-control', MEDIA_CACHE_CONTROL).header('x-content-type-options', 'nosniff').header('etag', etag);
    if (file.modifiedAt) reply.header('last-modified', new Date(file.modifiedAt).toUTCString());
    if (request.headers['if-none-match'] === etag) {
      file.body.destroy();
      return reply.code(304).send();
    }
    return reply.type(contentTypeOf(key)).header('content-length', file.size).send(file.body);
  });
}
