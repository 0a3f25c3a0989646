import { SqliteAdapter, type Kysely } from 'kysely';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import { newestFirst, publishedLinks, type Database, type ListedUnder } from '../db/index.js';
import { compiledOnce } from '../db/compiled-once.js';
import { createArticleRepo, toArticle } from './article-repo.js';
import { parseLinks } from './person-repo.js';
import type { ArticleTeaser, ArticleView, Correction, Person, Tag } from './types.js';

/** What a listing may be narrowed to. Listings only ever show published stories. */
export interface TeaserFilter {
  sectionId?: string;
  personId?: string;
  tagId?: string;
  excludeIds?: string[];
  /** Only these stories (the front page's pins); an empty list matches none. */
  ids?: string[];
  /** Only stories with a hero picture, among the newest PICTURE_LOOKBACK: a picture slot is never given to one without. */
  withPicture?: boolean;
}

/** How far back, in stories, a slot that needs a picture looks for one. */
export const PICTURE_LOOKBACK = 200;

/**
 * Reader-side queries: published articles joined for pages and listings. Kept
 * apart from article-repo.ts (the writes) because the two change for different reasons.
 */
export function createArticleReadRepo(db: Kysely<Database>) {
  const articles = createArticleRepo(db);

  const withSection = () =>
    db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .selectAll('articles')
      .select(['sections.slug as s_slug', 'sections.name as s_name', 'sections.description as s_description', 'sections.position as s_position']);

  // A list from a subquery as one JSON column: SQLite hands it back as text, PostgreSQL parsed.
  const jsonArrayFrom = db.getExecutor().adapter instanceof SqliteAdapter ? sqliteJsonArray : postgresJsonArray;

  /**
   * The story with its section, and its bylines, tags and corrections as JSON lists: one statement
   * where there were four. Measured on the demo's long-read (SQLite, CPU per `viewBySlug`): the three
   * reads after the story's own cost more in getting to the database and back than in finding their
   * rows. Each list carries its order (position, date) and is sorted here, since neither database
   * promises to keep a subquery's order through its JSON aggregate.
   */
  const withDetailsColumns = () =>
    withSection().select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('article_authors')
          .innerJoin('people', 'people.id', 'article_authors.person_id')
          .select(['article_authors.position', 'people.id', 'people.slug', 'people.name', 'people.bio', 'people.links'])
          .whereRef('article_authors.article_id', '=', 'articles.id'),
      ).as('authors_json'),
      jsonArrayFrom(
        eb
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select(['article_tags.position', 'tags.id', 'tags.slug', 'tags.name', 'tags.kind'])
          .whereRef('article_tags.article_id', '=', 'articles.id'),
      ).as('tags_json'),
      jsonArrayFrom(eb.selectFrom('corrections').select(['corrections.note', 'corrections.created_at']).whereRef('corrections.article_id', '=', 'articles.id')).as('corrections_json'),
    ]);

  // The reads of `view`, which every uncached article page runs: compiled to SQL once (compiled-once.ts).
  const viewQueries = {
    article: compiledOnce(db, (id: string) => withDetailsColumns().where('articles.id', '=', id)),
    // A reader's URL names the story by its slug: read by it straight away, not id first.
    articleBySlug: compiledOnce(db, (slug: string) => withDetailsColumns().where('articles.slug', '=', slug)),
  };

  /**
   * `asSets`: a byline or topic as the set of its stories (`id in (…)`), looked up from the
   * person or tag; for a page of the newest, a check per story (`exists`) while walking the
   * published index down. Measured at 100,000 stories on SQLite: counting one topic's ~4,000
   * stories took 295 ms with the check per story (every published story checked) and 14 ms from
   * the set; the newest 20 took 1.7 ms walking and 14 ms from the set (then sorted).
   */
  const published = () => db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').where('articles.status', '=', 'published');
  function filtered(filter: TeaserFilter, asSets = false, from = published()) {
    let q = from;
    if (filter.sectionId) q = q.where('articles.section_id', '=', filter.sectionId);
    if (filter.personId) {
      const personId = filter.personId;
      q = asSets
        ? q.where('articles.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('article_authors.person_id', '=', personId))
        : q.where((eb) => eb.exists(eb.selectFrom('article_authors').select('article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.person_id', '=', personId)));
    }
    if (filter.tagId) {
      const tagId = filter.tagId;
      q = asSets
        ? q.where('articles.id', 'in', (eb) => eb.selectFrom('article_tags').select('article_id').where('article_tags.tag_id', '=', tagId))
        : q.where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', tagId)));
    }
    if (filter.excludeIds?.length) q = q.where('articles.id', 'not in', filter.excludeIds);
    // `in ()` is a syntax error on both databases; no story has the empty id.
    if (filter.ids) q = q.where('articles.id', 'in', filter.ids.length ? filter.ids : ['']);
    if (filter.withPicture) {
      // Only among the newest stories: a lead picture from further back would be old news, and
      // in an archive with few pictures the walk for one read every published story (306 ms on
      // SQLite at 100,000 stories without pictures; 1.7 ms within the newest).
      q = q
        .where('articles.hero_media_id', 'is not', null)
        .where('articles.id', 'in', (eb) => eb.selectFrom('articles as newest').select('newest.id').where('newest.status', '=', 'published').orderBy('newest.published_at', 'desc').orderBy('newest.id', 'desc').limit(PICTURE_LOOKBACK));
    }
    return q;
  }

  /**
   * The ids of a page further down a newest-first listing, found in an index alone (migration
   * 0025), so that only the page's own stories are read: read whole, each story passed over was
   * read from the table too (pages 2–1,000 of a section: 14 ms each on SQLite; the page 11,000
   * stories down: 58 ms on PostgreSQL; at 100,000 stories). Without the section (every story has one), whose join would read each story
   * passed over; the filters name only the stories' own columns. A byline or topic as its set of
   * stories: a walk checking each story passes over every story between its own (page 29 of a
   * byline with 356 stories took 300 ms).
   */
  function pageIds(filter: TeaserFilter, limit: number, offset: number) {
    // A topic's or byline's from its link rows' dates (migrations 0026, 0027): looking each story up
    // for its status and date took 6–19 ms for a topic of 2,143 stories at 100,000 on PostgreSQL,
    // once for the count and once for the page.
    const link = listedUnder(filter);
    if (link) return newestFirst(publishedLinks(db, link)).select('l.article_id as id').limit(limit).offset(offset);
    const storiesOnly = db.selectFrom('articles').where('articles.status', '=', 'published') as unknown as ReturnType<typeof published>;
    return filtered(filter, true, storiesOnly).select('articles.id').orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).offset(offset);
  }

  /** A filter that names a topic or a byline and nothing else: its listing is read from that link table's index. */
  function listedUnder(filter: TeaserFilter): ListedUnder | undefined {
    const { tagId, sectionId, personId, excludeIds, ids, withPicture } = filter;
    if (sectionId || excludeIds?.length || ids || withPicture || (tagId && personId)) return undefined;
    return tagId ? { tagId } : personId ? { personId } : undefined;
  }

  async function withAuthors(rows: Omit<ArticleTeaser, 'authors'>[]): Promise<ArticleTeaser[]> {
    if (rows.length === 0) return [];
    const links = await db
      .selectFrom('article_authors')
      .innerJoin('people', 'people.id', 'article_authors.person_id')
      .select(['article_authors.article_id', 'article_authors.position', 'people.id', 'people.slug', 'people.name'])
      .where('article_authors.article_id', 'in', rows.map((r) => r.id))
      .orderBy('article_authors.position')
      .execute();
    const byArticle = new Map<string, ArticleTeaser['authors']>();
    for (const link of links) {
      const list = byArticle.get(link.article_id) ?? [];
      list.push({ id: link.id, slug: link.slug, name: link.name });
      byArticle.set(link.article_id, list);
    }
    return rows.map((r) => ({ ...r, authors: byArticle.get(r.id) ?? [] }));
  }

  async function teasers(filter: TeaserFilter, order: 'latest' | 'most-read', limit: number, offset = 0): Promise<ArticleTeaser[]> {
    // A topic's or byline's first page too: walking the newest stories for a rare one's passes over most of the archive.
    const further = order === 'latest' && (offset > 0 || listedUnder(filter) !== undefined);
    let q = (further ? published().where('articles.id', 'in', pageIds(filter, limit, offset)) : filtered(filter)).select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.standfirst',
      'articles.published_at',
      'articles.language',
      'articles.views',
      'articles.hero_media_id',
      'sections.id as section_id',
      'sections.slug as section_slug',
      'sections.name as section_name',
    ]);
    q = order === 'latest' ? q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc') : q.orderBy('articles.views', 'desc').orderBy('articles.published_at', 'desc');
    const rows = await (further ? q : q.limit(limit).offset(offset)).execute();
    return withAuthors(
      rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        headline: r.headline,
        standfirst: r.standfirst,
        publishedAt: r.published_at ?? '',
        language: r.language,
        views: Number(r.views),
        heroMediaId: r.hero_media_id,
        section: { id: r.section_id, slug: r.section_slug, name: r.section_name },
      })),
    );
  }

  type ViewRow = Awaited<ReturnType<typeof viewQueries.article>>[number];

  /** A JSON list column as rows: text from SQLite, already parsed from PostgreSQL. */
  const rowsOf = <T>(value: T[] | string): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : value);

  /** The story's row with its section, bylines, tags and corrections, all read in that one statement. */
  function withDetails(row: ViewRow): ArticleView {
    const people: Person[] = rowsOf(row.authors_json)
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((p) => ({ id: p.id, slug: p.slug, name: p.name, bio: p.bio, links: parseLinks(p.links) }));
    const tags: Tag[] = rowsOf(row.tags_json)
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((t) => ({ id: t.id, slug: t.slug, name: t.name, kind: t.kind }) as Tag);
    const corrections: Correction[] = rowsOf(row.corrections_json)
      .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0))
      .map((c) => ({ note: c.note, createdAt: c.created_at }));
    const article = toArticle(row, people.map((p) => p.id), tags.map((t) => t.id));
    return {
      ...article,
      section: { id: row.section_id, slug: row.s_slug, name: row.s_name, description: row.s_description, position: Number(row.s_position) },
      authors: people,
      tags,
      corrections,
    };
  }

  return {
    latest: (filter: TeaserFilter, limit: number, offset = 0) => teasers(filter, 'latest', limit, offset),
    mostRead: (limit: number) => teasers({}, 'most-read', limit),

    async countPublished(filter: TeaserFilter): Promise<number> {
      const link = listedUnder(filter);
      const row = link
        ? await publishedLinks(db, link).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
        : await filtered(filter, true).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * The full article with its section, authors, tags and corrections, whatever its
     * status. Four queries with joins: this runs on every uncached page view.
     */
    async view(id: string): Promise<ArticleView | null> {
      const [row] = await viewQueries.article(id);
      return row ? withDetails(row) : null;
    },

    /**
     * The story a reader's URL names by its slug, as `view` gives it; `current` is false for an
     * old slug (the page answers with a redirect). One read fewer than resolving the slug first:
     * on PostgreSQL each is a round trip on every uncached article page.
     */
    async viewBySlug(slug: string): Promise<{ article: ArticleView; current: boolean } | null> {
      const [row] = await viewQueries.articleBySlug(slug);
      if (row) return { article: withDetails(row), current: true };
      const found = await articles.resolveSlug(slug);
      const article = found && (await this.view(found.id));
      return article ? { article, current: found.current } : null;
    },

    /**
     * The story as its editors see it: with a live story's working copy laid over the
     * public version (section, bylines and tags resolved again), for the editor and the
     * preview. Readers' pages use `view`, which never shows a working copy.
     */
    async viewWithChanges(id: string): Promise<ArticleView | null> {
      const live = await this.view(id);
      if (!live?.workingCopy) return live;
      const copy = live.workingCopy.fields;
      const [section, people, tags] = await Promise.all([
        db.selectFrom('sections').select(['id', 'slug', 'name', 'description', 'position']).where('id', '=', copy.sectionId).executeTakeFirst(),
        copy.authorIds.length ? db.selectFrom('people').select(['id', 'slug', 'name', 'bio', 'links']).where('id', 'in', copy.authorIds).execute() : [],
        copy.tagIds.length ? db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where('id', 'in', copy.tagIds).execute() : [],
      ]);
      // Something deleted since the copy was saved is left out, as a restore would.
      const authors = copy.authorIds.map((pid) => people.find((p) => p.id === pid)).filter((p) => p !== undefined).map((p) => ({ ...p, links: parseLinks(p.links) }));
      const tagList = copy.tagIds.map((tid) => tags.find((t) => t.id === tid)).filter((t) => t !== undefined) as Tag[];
      return {
        ...live,
        ...copy,
        section: section ? { ...section, position: Number(section.position) } : live.section,
        sectionId: section ? copy.sectionId : live.sectionId,
        authors,
        authorIds: authors.map((p) => p.id),
        tags: tagList,
        tagIds: tagList.map((t) => t.id),
      };
    },

    resolveSlug: articles.resolveSlug,
  };
}

export type ArticleReadRepo = ReturnType<typeof createArticleReadRepo>;
