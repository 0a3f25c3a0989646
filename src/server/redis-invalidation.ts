import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

const CHANNEL = 'dateline:content-changed';

/**
 * Cross-node cache invalidation over Redis pub/sub. Without Redis every node still
 * notices a change within a second (it polls the content generation); with it,
 * a publish on one node clears every node's page cache at once.
 */
export async function createRedisInvalidation(options: { publisher: Redis; subscriber: Redis; onChange: () => Promise<void>; log: Logger }) {
  const { publisher, subscriber, onChange, log } = options;
  await subscriber.subscribe(CHANNEL);
  subscriber.on('message', (channel) => {
    if (channel !== CHANNEL) return;
    onChange().catch((err: unknown) => log.warn({ err }, 'cache invalidation from Redis failed'));
  });
  return {
    /** Tells every node (this one included) that content changed. */
    async announce(): Promise<void> {
      await publisher.publish(CHANNEL, String(Date.now()));
    },
  };
}
