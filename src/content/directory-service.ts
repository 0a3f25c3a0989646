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
import type { Person, Section, Tag, TagKind } from './types.js';

/**
 * First path segments the site and API own. A section with one of these slugs would
 * be unreachable, so section slugs skip them (a wire service called "Media" becomes
 * /media-2, never a clash with /media/ files).
 */
export const RESERVED_SECTION_SLUGS: ReadonlySet<string> = new Set([
  'api', 'admin', 'author', 'topic', 'media', 'assets', 'search', 'feed', 'feeds', 'rss', 'sitemap', 'robots', 'favicon', 'logo', 'healthz', 'static', 'tag', 'tags', 'amp',
]);

export interface DirectoryDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
}

function directoryOperations({ db, clock, newId }: DirectoryDeps) {
  const now = () => clock.now().toISOString();

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
