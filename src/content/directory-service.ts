import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { firstFreeSlug, slugify } from '../shared/slug.js';
import { ValidationError } from '../shared/errors.js';
import { createSectionRepo } from './section-repo.js';
import { createPersonRepo } from './person-repo.js';
import { createTagRepo } from './tag-repo.js';
import { createStaticPageRepo } from './static-page-repo.js';
import type { ArticleIndexer } from './article-service.js';
import type { Person, Section, Tag, TagKind } from './types.js';

/**
 * First path segments the site and API own. A section with one of these slugs would
 * be unreachable, so section slugs skip them (a wire service called "Media" becomes
 * /media-2, never a clash with /media/ files).
 */
export const RESERVED_SECTION_SLUGS: ReadonlySet<string> = new Set([
  'api', 'admin', 'author', 'topic', 'media', 'assets', 'search', 'feed', 'feeds', 'rss', 'sitemap', 'robots', 'favicon', 'logo', 'healthz', 'readyz', 'metrics', 'static', 'tag', 'tags', 'amp',
]);

export interface DirectoryDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  /** Keeps the search index in step: stories carrying a renamed person or tag are indexed again. */
  indexer?: ArticleIndexer;
}

function directoryOperations({ db, clock, newId, indexer }: DirectoryDeps) {
  const now = () => clock.now().toISOString();

  /** Runs `work` in a transaction, or in the caller's when this service already works inside one. */
  const inTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));

  /** Indexes again the stories whose index text holds this person's or tag's name. */
  async function reindexCarrying(trx: Kysely<Database>, carrier: { personId: string } | { tagId: string }): Promise<void> {
    if (!indexer) return;
    const rows =
      'personId' in carrier
        ? await trx.selectFrom('article_authors').select('article_id').where('person_id', '=', carrier.personId).execute()
        : await trx.selectFrom('article_tags').select('article_id').where('tag_id', '=', carrier.tagId).execute();
    for (const { article_id } of rows) await indexer(trx, article_id);
  }

  const freeSlug = (wanted: string, taken: (slug: string) => Promise<boolean>) => firstFreeSlug(slugify(wanted) || 'item', taken, newId);

  return {
    async createSection(input: { name: string; slug?: string; description?: string; position?: number }): Promise<Section> {
      const name = input.name.trim();
      if (!name) throw new ValidationError('name', 'A section needs a name');
      const repo = createSectionRepo(db);
      const pages = createStaticPageRepo(db);
      const section: Section = {
        id: newId(),
        // Static pages (/about, /privacy) share the top-level namespace with sections.
        slug: await freeSlug(input.slug ?? name, async (s) => RESERVED_SECTION_SLUGS.has(s) || !!(await repo.findBySlug(s)) || !!(await pages.slugOwner(s))),
        name,
        description: input.description ?? '',
        position: input.position ?? 100,
      };
      await repo.insert(section, now());
      return section;
    },

    sectionBySlug: (slug: string): Promise<Section | null> => createSectionRepo(db).findBySlug(slug),
    sectionById: (id: string): Promise<Section | null> => createSectionRepo(db).findById(id),

    /** A section by slug or by exact name, created when missing. */
    async ensureSection(nameOrSlug: string): Promise<Section> {
      const repo = createSectionRepo(db);
      const slug = slugify(nameOrSlug);
      const found = (await repo.findBySlug(slug)) ?? (await repo.findByName(nameOrSlug.trim()));
      return found ?? this.createSection({ name: nameOrSlug });
    },

    async createPerson(input: { name: string; slug?: string; bio?: string; links?: Record<string, string> }): Promise<Person> {
      const name = input.name.trim();
      if (!name) throw new ValidationError('name', 'A person needs a name');
      const repo = createPersonRepo(db);
      const person: Person = {
        id: newId(),
        slug: await freeSlug(input.slug ?? name, (s) => repo.slugExists(s)),
        name,
        bio: input.bio ?? '',
        links: input.links ?? {},
      };
      await repo.insert(person, now());
      return person;
    },

    /** A person by exact name, created when missing (wire bylines). */
    async ensurePerson(name: string): Promise<Person> {
      const found = await createPersonRepo(db).findByName(name.trim());
      return found ?? this.createPerson({ name });
    },

    /** Changes a person; a new name reaches the search index of their stories in the same transaction. */
    async updatePerson(id: string, patch: { name?: string; bio?: string; links?: Record<string, string>; slug?: string }): Promise<void> {
      await inTransaction(async (trx) => {
        await createPersonRepo(trx).update(id, patch);
        if (patch.name) await reindexCarrying(trx, { personId: id });
      });
    },

    /** Changes a tag; a new name or aliases reach the search index of the stories carrying it in the same transaction. */
    async updateTag(id: string, patch: { name?: string; kind?: TagKind; aliases?: string[]; description?: string }): Promise<void> {
      await inTransaction(async (trx) => {
        await createTagRepo(trx).update(id, patch);
        if (patch.name || patch.aliases) await reindexCarrying(trx, { tagId: id });
      });
    },

    /** Removes a tag from every story and deletes it; those stories are indexed without it. */
    async removeTag(id: string): Promise<void> {
      await inTransaction(async (trx) => {
        const carrying = await trx.selectFrom('article_tags').select('article_id').where('tag_id', '=', id).execute();
        await createTagRepo(trx).remove(id);
        if (indexer) for (const { article_id } of carrying) await indexer(trx, article_id);
      });
    },

    /** A tag by slug of its name, created with `kind` when missing. */
    async ensureTag(name: string, kind: TagKind = 'topic'): Promise<Tag> {
      const repo = createTagRepo(db);
      const slug = slugify(name);
      if (!slug) throw new ValidationError('tags', `Tag "${name}" has no letters or digits`);
      const found = await repo.findBySlug(slug);
      if (found) return found;
      const tag: Tag = { id: newId(), slug, name: name.trim(), kind };
      await repo.insert(tag, now());
      return tag;
    },
  };
}

export interface DirectoryService extends ReturnType<typeof directoryOperations> {
  /** The same service, working inside the caller's transaction (imports, seeding). */
  withTransaction(trx: Kysely<Database>): DirectoryService;
}

/**
 * Sections, people and tags: created explicitly by editors, or on the fly by
 * imports ("find by name, else create"); `withTransaction` makes the creations part
 * of a larger unit of work.
 */
export function createDirectoryService(deps: DirectoryDeps): DirectoryService {
  return { ...directoryOperations(deps), withTransaction: (trx) => createDirectoryService({ ...deps, db: trx }) };
}
