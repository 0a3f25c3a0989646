import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createRedisInvalidation } from './redis-invalidation.js';

/**
 * Two connections: one for commands, one subscribed to content changes (a
 * subscribed connection can do nothing else). Connection errors are logged, never
 * thrown at a request; ioredis reconnects by itself.
 */
export async function connectRedis(url: string, log: Logger, onChange: () => Promise<void>) {
  const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: true } as const;
  const client = new Redis(url, options);
  const subscriber = new Redis(url, options);
  for (const connection of [client, subscriber]) connection.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  await Promise.all([client.connect(), subscriber.connect()]);
  const invalidation = await createRedisInvalidation({ publisher: client, subscriber, onChange, log });
  return {
    client,
    invalidation,
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
    },
  };
}

export type RedisConnection = Awaited<ReturnType<typeof connectRedis>>;
