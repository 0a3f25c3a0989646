import { signIn, type AdminClient } from './admin-client.js';
import { paragraphs, publishStory, type TestApp } from './test-app.js';

/**
 * A small newsroom for the Content API tests: four published stories on distinct days,
 * and four that must never be served (a draft, a submitted story, a scheduled one and an
 * unpublished one), each carrying the tag `weather`, and bylines and tags of their own
 * (`hidden-writer`, `secret`) that no published story has. Plus one static page and a
 * content-read key made through the admin API, as an integrator would.
 */
export async function seedNewsroom(app: TestApp) {
  const { articles, directory } = app.services;
  const at = (iso: string) => app.clock.set(iso);
  at('2025-06-20T06:00:00Z');
  const monsoon = await publishStory(app, { headline: 'Monsoon reaches Kerala', section: 'News', author: 'Asha Rao', tags: ['Weather', 'Kerala'], credit: 'ANI', standfirst: 'The rains arrived two days early.' });
  at('2025-06-22T06:00:00Z');
  const harbour = await publishStory(app, { headline: 'Harbour cranes stand idle', section: 'Business', author: 'Ben Ode', tags: ['Harbour'], credit: 'Staff' });
  at('2025-06-24T06:00:00Z');
  const cricket = await publishStory(app, { headline: 'A final over thriller', section: 'Sport', author: 'Asha Rao', tags: ['Cricket'] });
  at('2025-06-26T06:00:00Z');
  const budget = await publishStory(app, { headline: 'City budget passes after rain delay', section: 'News', author: 'Ben Ode', tags: ['Weather', 'Budget'], body: paragraphs('The council met late.', 'It passed the budget, 50% of it for roads.') });

  const news = await directory.ensureSection('News');
  const hidden = await directory.ensurePerson('Hidden Writer');
  const weather = await directory.ensureTag('Weather');
  const secret = await directory.ensureTag('Secret');
  const unpublishedFields = (headline: string) => ({ headline, standfirst: 'Not for readers yet.', body: paragraphs('Secret words.'), sectionId: news.id, authorIds: [hidden.id], tagIds: [weather.id, secret.id] });
  at('2025-06-27T04:00:00Z');
  const draft = await articles.create(unpublishedFields('Secret draft about the storm'));
  const submitted = await articles.submit((await articles.create(unpublishedFields('Submitted storm story'))).id);
  const scheduled = await articles.schedule((await articles.create(unpublishedFields('Scheduled storm story'))).id, new Date('2025-07-30T00:00:00Z'));
  const withdrawn = await articles.publish((await articles.create(unpublishedFields('Withdrawn storm story'))).id);
  await articles.unpublish(withdrawn.id);
  await app.services.staticPages.create({ title: 'About us', body: paragraphs('We report the city.') }, null);
  at('2025-06-27T04:30:00Z');
  await app.announceChange();

  const admin: AdminClient = await signIn(app, 'admin');
  const created = await admin.request('POST', '/api/admin/api-keys', { name: 'Front end', scope: 'content-read' });
  if (created.status !== 201) throw new Error(`key creation failed: ${created.status} ${created.body}`);
  const adminKey = await admin.request('POST', '/api/admin/api-keys', { name: 'Script', scope: 'admin' });
  return {
    admin,
    key: created.json.key as string,
    keyId: created.json.apiKey.id as string,
    adminKey: adminKey.json.key as string,
    published: { monsoon: monsoon.article, harbour: harbour.article, cricket: cricket.article, budget: budget.article },
    hidden: { draft, submitted, scheduled, withdrawn },
  };
}

export type Newsroom = Awaited<ReturnType<typeof seedNewsroom>>;
