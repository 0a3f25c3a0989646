export { shareLinks } from './share-links.js';
export type { ShareLink } from './share-links.js';
export { createViewCounter } from './view-counter.js';
export type { ViewCounter } from './view-counter.js';
export { createAudienceModule } from './audience-module.js';
export type { AudienceModule } from './audience-module.js';
