import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { DocNode } from '../doc/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { ValidationError } from '../shared/errors.js';
import { isValidSlug, slugify } from '../shared/slug.js';
import { RESERVED_SECTION_SLUGS } from './directory-service.js';
import { StaticPageNotFound } from './errors.js';
import { createSectionRepo } from './section-repo.js';
import { createStaticPageRepo, type StaticPage, type StaticPageSummary } from './static-page-repo.js';

export interface StaticPageDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
}

export interface StaticPageInput {
  title: string;
  /** The page's address, `/{slug}`; made from the title when absent. */
  slug?: string | undefined;
  body?: DocNode | undefined;
  position?: number | undefined;
  inFooter?: boolean | undefined;
}

const EMPTY_DOC: DocNode = { type: 'doc', content: [] };

/**
 * Static pages live at the top level (`/about`, `/privacy`), where readers and search
 * engines look for them and where Ghost and WordPress put them. That is the sections'
 * namespace too, so a page slug must be neither reserved by the site nor a section's,
 * and sections in turn skip page slugs (directory-service.ts).
 */
export function createStaticPageService(deps: StaticPageDeps): StaticPageService {
  return { ...staticPageOperations(deps), withTransaction: (trx) => createStaticPageService({ ...deps, db: trx }) };
}

function staticPageOperations({ db, clock, newId }: StaticPageDeps) {
  const repo = createStaticPageRepo(db);
  const sections = createSectionRepo(db);
  const now = () => clock.now().toISOString();

  /** Refuses a slug readers could not reach, or that another page or a section already answers at. */
  async function assertSlugFree(slug: string, pageId: string | null): Promise<void> {
    if (!isValidSlug(slug) || slugify(slug) !== slug) throw new ValidationError('slug', `The slug "${slug}" must be lower-case letters, digits and single hyphens`);
    if (RESERVED_SECTION_SLUGS.has(slug)) throw new ValidationError('slug', `The address /${slug} belongs to the site itself; choose another slug`);
    if (await sections.findBySlug(slug)) throw new ValidationError('slug', `The address /${slug} is a section's; choose another slug`);
    const owner = await repo.slugOwner(slug);
    if (owner && owner !== pageId) throw new ValidationError('slug', `Another page already uses the address /${slug}`);
  }

  return {
    list: (): Promise<StaticPageSummary[]> => repo.list(),
    footerLinks: () => repo.footerLinks(),
    bySlug: (slug: string): Promise<StaticPage | null> => repo.findBySlug(slug),

    async get(id: string): Promise<StaticPage> {
      const page = await repo.findById(id);
      if (!page) throw new StaticPageNotFound(id);
      return page;
    },

    async create(input: StaticPageInput, userId: string | null): Promise<StaticPage> {
      const title = input.title.trim();
      if (!title) throw new ValidationError('title', 'A page needs a title');
      const slug = input.slug ?? slugify(title);
      if (!slug) throw new ValidationError('slug', 'The title has no letters or digits to make an address from; give a slug');
      await assertSlugFree(slug, null);
      const position = input.position ?? Math.max(0, ...(await repo.list()).map((p) => p.position)) + 1;
      const id = newId();
      const inserted = await repo.insert({ id, slug, title, body: input.body ?? EMPTY_DOC, position, inFooter: input.inFooter ?? true, at: now(), by: userId });
      if (!inserted) throw new ValidationError('slug', `Another page already uses the address /${slug}`);
      return (await repo.findById(id))!;
    },

    async update(id: string, patch: Partial<StaticPageInput>, userId: string | null): Promise<StaticPage> {
      const current = await repo.findById(id);
      if (!current) throw new StaticPageNotFound(id);
      const title = patch.title?.trim();
      if (title === '') throw new ValidationError('title', 'A page needs a title');
      if (patch.slug !== undefined && patch.slug !== current.slug) await assertSlugFree(patch.slug, id);
      try {
        await repo.update(id, { ...patch, ...(title !== undefined ? { title } : {}) }, now(), userId);
      } catch (err) {
        // Two editors renaming two pages to one slug at once: the unique index refuses the second.
        if (patch.slug !== undefined && (await repo.slugOwner(patch.slug)) !== id) throw new ValidationError('slug', `Another page already uses the address /${patch.slug}`);
        throw err;
      }
      return (await repo.findById(id))!;
    },

    async remove(id: string): Promise<void> {
      if (!(await repo.remove(id))) throw new StaticPageNotFound(id);
    },
  };
}

export interface StaticPageService extends ReturnType<typeof staticPageOperations> {
  /** The same service, working inside the caller's transaction (demo seeding). */
  withTransaction(trx: Kysely<Database>): StaticPageService;
}
