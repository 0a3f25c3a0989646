import type { Logger } from 'pino';
import { createRedisInvalidation } from './redis-invalidation.js';
import { ServiceUnreachableError } from '../shared/startup-errors.js';

/**
 * Two connections: one for commands, one subscribed to content changes (a
 * subscribed connection can do nothing else). Connection errors are logged, never
 * thrown at a request; ioredis reconnects by itself. Only a Redis not reachable at start is an
 * error (ServiceUnreachableError): the process does not start.
 */
export async function connectRedis(url: string, log: Logger, onChange: () => Promise<void>) {
  // ioredis is loaded here, not with the site: a site without REDIS_URL never needs it (0.07 s of every start).
  const { Redis } = await import('ioredis');
  const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: true } as const;
  const client = new Redis(url, options);
  const subscriber = new Redis(url, options);
  // ioredis rejects a failed first connect with "Connection is closed."; the reason came as an error event.
  let lastError: Error | null = null;
  let errors = 0;
  for (const connection of [client, subscriber]) {
    connection.on('error', (err: Error) => {
      lastError = err;
      errors++;
      log.warn({ err: err.message }, 'redis connection error');
    });
  }
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
  } catch (err) {
    // Stop the reconnecting, which would otherwise keep a process that cannot start alive.
    client.disconnect();
    subscriber.disconnect();
    throw new ServiceUnreachableError('Redis', 'REDIS_URL', url, lastError ?? err);
  }
  const invalidation = await createRedisInvalidation({ publisher: client, subscriber, onChange, log });
  return {
    client,
    invalidation,
    /** For /metrics: both connections ready (commands and the change subscription), and errors since start. */
    health: () => ({ up: client.status === 'ready' && subscriber.status === 'ready', errors }),
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
    },
  };
}

export type RedisConnection = Awaited<ReturnType<typeof connectRedis>>;
