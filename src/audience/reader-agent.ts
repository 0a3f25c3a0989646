import { isbot } from 'isbot';
import { deviceClass, type DeviceClass } from './device-class.js';

/** Distinct user agents remembered; real traffic repeats a few hundred of them all day. */
const MAX_AGENTS = 5000;

export interface ReaderAgent {
  /** A crawler (isbot), or no user agent at all, which no real browser sends. */
  bot: boolean;
  device: DeviceClass;
}

/**
 * What a user agent tells us, remembered per agent: isbot's pattern is long, and running it for
 * every beacon cost more than hashing the reader. The cache is emptied when full, so a flood of
 * made-up agents costs memory for at most 5,000 of them.
 */
export function createAgentClassifier() {
  const known = new Map<string, ReaderAgent>();
  return function classify(userAgent: string): ReaderAgent {
    let found = known.get(userAgent);
    if (!found) {
      found = { bot: !userAgent || isbot(userAgent), device: deviceClass(userAgent) };
      if (known.size >= MAX_AGENTS) known.clear();
      known.set(userAgent, found);
    }
    return found;
  };
}
