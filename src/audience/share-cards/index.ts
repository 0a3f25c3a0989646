export { createShareCardModule } from './share-card-module.js';
export type { ShareCardModule, ShareCardDeps } from './share-card-module.js';
export type { ShareCardService, ShareImages } from './share-card-service.js';
export type { CardRenderer } from './card-renderer.js';
export { createCardRenderer } from './card-renderer.js';
export { CARD_SIZE, LOGO_SIZE } from './card-layout.js';
export { siteCardHash } from './card-inputs.js';
