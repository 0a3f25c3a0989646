/**
 * Demo content for first start: sections, people, pictures and 24 stories,
 * plus the picture renderer. Everything here is invented.
 */
export type { DemoMotif, DemoPerson, DemoPicture, DemoSection, DemoStory, DemoTagKind } from './demo-types.js';
export { benchmarkStorySlug, demoPeople, demoPictures, demoSections, demoStories } from './demo-content.js';
export { DEMO_REFERENCE_TIME, rebaseDemoBody } from './demo-clock.js';
export { demoPictureSvg, renderDemoPicture } from './demo-pictures.js';
export { demoPages } from './demo-pages.js';
export type { DemoPage } from './demo-pages.js';
