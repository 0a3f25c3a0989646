import type { DeviceClass } from '../db/index.js';

export type { DeviceClass };

export const DEVICE_CLASSES: readonly DeviceClass[] = ['mobile', 'tablet', 'desktop'];

// Tablets first: an Android tablet says "Android" without "Mobile", an iPad says "iPad".
const TABLET = /iPad|Tablet|PlayBook|Silk\/|Kindle|Nexus (?:7|9|10)\b|SM-T\d|Android(?!.*Mobile)/i;
const MOBILE = /Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|BB10|Opera Mini|IEMobile|webOS/i;

/**
 * The kind of device a page was read on, from the user agent alone: a small rule set, no
 * fingerprinting, nothing else kept. iPadOS 13 and later present themselves as a Mac and count
 * as desktop; telling them apart would need the script to probe the device, which we do not.
 * Bots never get this far (they are not counted).
 */
export function deviceClass(userAgent: string): DeviceClass {
  if (TABLET.test(userAgent)) return 'tablet';
  if (MOBILE.test(userAgent)) return 'mobile';
  return 'desktop';
}
