import { Redis } from 'ioredis';

export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether the Redis tests can run. Without Redis they say so in one line and are
 * skipped — except under CI=true, where a missing Redis is a failure.
 */
export async function redisAvailable(): Promise<boolean> {
  const probe = new Redis(testRedisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`Redis is required under CI but is not reachable at ${testRedisUrl}: ${(err as Error).message}`);
    console.log(`# Redis not reachable at ${testRedisUrl}: skipping the Redis tests`);
    return false;
  } finally {
    probe.disconnect();
  }
}
