/**
 * The demo newsroom a newcomer sees on first start: sections, people,
 * pictures and 24 stories. Every person, agency and quotation is invented;
 * real places appear only with invented events.
 */
import type { DemoPerson, DemoSection, DemoStory } from './demo-types.js';
import { businessStories } from './demo-stories-business.js';
import { cultureStories } from './demo-stories-culture.js';
import { hindiStories } from './demo-stories-hindi.js';
import { newsStories } from './demo-stories-news.js';
import { scienceStories } from './demo-stories-science.js';
import { sportStories } from './demo-stories-sport.js';
import { technologyStories } from './demo-stories-technology.js';
import { worldStories } from './demo-stories-world.js';

export { demoPictures } from './demo-picture-list.js';

export const demoSections: DemoSection[] = [
  { slug: 'news', name: 'News', description: 'What happened today in our cities and towns, reported from the ground.', position: 1 },
  { slug: 'world', name: 'World', description: 'International news from our partner agencies and correspondents.', position: 2 },
  { slug: 'business', name: 'Business', description: 'Companies, markets, jobs and the money behind the headlines.', position: 3 },
  { slug: 'technology', name: 'Technology', description: 'How technology is built, used and argued about — explained plainly.', position: 4 },
  { slug: 'sport', name: 'Sport', description: 'Results, reports and the stories behind the scores.', position: 5 },
  { slug: 'culture', name: 'Culture', description: 'Books, music, art and the people who make them.', position: 6 },
  { slug: 'science', name: 'Science', description: 'Research, environment and the natural world, from the field and the lab.', position: 7 },
];

export const demoPeople: DemoPerson[] = [
  { slug: 'anika-rao', name: 'Anika Rao', bio: 'Anika Rao is Dateline’s senior city correspondent. She covers civic infrastructure, floods and public services, and has reported from western India for twelve years.', links: { x: 'https://x.com/dateline_anika', website: 'https://example.org/people/anika-rao' } },
  { slug: 'tomas-ferreira', name: 'Tomás Ferreira', bio: 'Tomás Ferreira is the business editor. He writes about small firms, co-operative banks and the industries of mid-sized towns, and previously covered markets from Lisbon.', links: { linkedin: 'https://www.linkedin.com/in/example-tomas-ferreira', x: 'https://x.com/dateline_tomas' } },
  { slug: 'mei-okafor', name: 'Mei Okafor', bio: 'Mei Okafor reports on technology and digital public services. She is interested in what happens when software meets people it was not designed for.', links: { bluesky: 'https://bsky.app/profile/meiokafor.example', mastodon: 'https://social.example/@mei' } },
  { slug: 'devika-kulkarni', name: 'Devika Kulkarni', bio: 'Devika Kulkarni is Dateline’s sports correspondent. She has covered football, cricket and swimming at every level from school meets to league finals.', links: { x: 'https://x.com/dateline_devika', instagram: 'https://www.instagram.com/dateline_devika' } },
  { slug: 'clara-whitmore', name: 'Clara Whitmore', bio: 'Clara Whitmore is the culture editor and books critic. She writes about literature, printmaking and live music.', links: { website: 'https://example.org/people/clara-whitmore' } },
  { slug: 'farhan-siddiqui', name: 'Farhan Siddiqui', bio: 'Farhan Siddiqui writes about science and the environment, with a focus on water, climate and citizen science. He trained as a geologist before becoming a journalist.', links: { x: 'https://x.com/dateline_farhan', mastodon: 'https://social.example/@farhan' } },
  { slug: 'sunita-chauhan', name: 'Sunita Chauhan', bio: 'Sunita Chauhan edits Dateline’s Hindi desk and writes about cities, transport and sport. सुनीता चौहान डेटलाइन के हिंदी डेस्क की संपादक हैं।', links: { x: 'https://x.com/dateline_sunita' } },
  { slug: 'web-desk', name: 'Dateline Web Desk', bio: 'The Web Desk edits agency copy and breaking news around the clock, working from reports by our partner news agencies.', links: {} },
];

export const demoStories: DemoStory[] = [
  ...newsStories,
  ...worldStories,
  ...businessStories,
  ...technologyStories,
  ...sportStories,
  ...cultureStories,
  ...scienceStories,
  ...hindiStories,
];

/** The slug of the ~1,400-word long read the article-page benchmark renders; the story sets it explicitly so it does not depend on the slug generator. */
export const benchmarkStorySlug = 'counting-the-water-under-our-feet';
