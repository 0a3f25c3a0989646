import type { DocNode } from '../../src/doc/index.js';
import { paragraphs, publishStory, type TestApp } from './test-app.js';

/** A body with the awkward parts: a site-relative link, markup characters and a CDATA terminator. */
export const TRICKY_BODY: DocNode = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Water rose past the ' },
        { type: 'text', text: 'harbour wall', marks: [{ type: 'link', attrs: { href: '/news' } }] },
        { type: 'text', text: ' as 5 < 6 & the code "]]>" stayed put.' },
      ],
    },
    { type: 'paragraph', content: [{ type: 'text', text: 'A second paragraph of the flood story.' }] },
  ],
};

/**
 * The site every feed and sitemap test reads, with the clock at 2025-06-27T04:30Z:
 * - June: "Harbour floods…" (News, Asha Rao, Monsoon, agency picture) and, an hour later,
 *   "Rain & <wind> stop the final" (Sport, Tom Field, staff picture);
 * - May: "Budget passes in May" (Business, Asha Rao);
 * - never public: a draft and an unpublished story, both in News by Asha Rao and tagged Monsoon.
 */
export async function seedFeedSite(app: TestApp) {
  const { articles, directory } = app.services;
  const now = app.clock.now();
  app.clock.set('2025-05-10T08:00:00Z');
  const may = await publishStory(app, { headline: 'Budget passes in May', section: 'Business', credit: 'Staff' });
  app.clock.set(now);
  const flood = await publishStory(app, { headline: 'Harbour floods after record rain', tags: ['Monsoon'], credit: 'MNA', body: TRICKY_BODY, standfirst: 'The sea came in overnight.' });
  app.clock.advance(3_600_000);
  const cricket = await publishStory(app, { headline: 'Rain & <wind> stop the final', section: 'Sport', author: 'Tom Field', credit: 'Staff' });

  const news = await directory.ensureSection('News');
  const asha = await directory.ensurePerson('Asha Rao');
  const monsoon = await directory.ensureTag('Monsoon');
  const secret = { sectionId: news.id, authorIds: [asha.id], tagIds: [monsoon.id], body: paragraphs('Not for readers.') };
  const draft = await articles.create({ ...secret, headline: 'Secret draft about the floods' });
  const withdrawn = await articles.create({ ...secret, headline: 'Withdrawn flood story' });
  await articles.publish(withdrawn.id);
  await articles.unpublish(withdrawn.id);
  // A person and a tag only a draft carries have no page, so no feed and no sitemap entry.
  const ghost = await directory.ensurePerson('Ghost Writer');
  const hidden = await directory.ensureTag('Hidden Topic');
  await articles.update(draft.id, { authorIds: [asha.id, ghost.id], tagIds: [monsoon.id, hidden.id] });

  await app.announceChange();
  return { may: may.article, flood: flood.article, cricket: cricket.article, draft, withdrawn, news, asha, monsoon };
}

/** Headlines that must never be in a feed or sitemap. */
export const NEVER_PUBLIC = ['Secret draft', 'Withdrawn flood story', 'Ghost Writer', 'Hidden Topic', 'ghost-writer', 'hidden-topic'];
