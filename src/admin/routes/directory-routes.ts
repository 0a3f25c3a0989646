import { z } from 'zod';
import { PersonNotFound, RESERVED_SECTION_SLUGS, SectionNotFound, TOPIC_DESCRIPTION_MAX } from '../../content/index.js';
import { isValidSlug, slugify } from '../../shared/slug.js';
import { ValidationError } from '../../shared/errors.js';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { Forbidden, SectionInUse, TagNotFound } from '../errors.js';
import { can } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { idParams, pageQuery, tagKind } from '../schemas.js';
import { Person, PersonPage, Section, Sections, Tag, TagPage } from '../response-schemas.js';

const slugField = z.string().max(96).refine(isValidSlug, 'letters, digits and single hyphens only');
const sectionInput = z.object({ name: z.string().trim().min(1).max(80), slug: slugField.optional(), description: z.string().max(500).optional(), position: z.number().int().min(0).max(10_000).optional() }).strict();
const linksSchema = z.record(z.string().max(40), z.string().max(500).regex(/^https?:\/\//i, 'must be an http(s) URL'));
const personInput = z.object({ name: z.string().trim().min(1).max(120), slug: slugField.optional(), bio: z.string().max(2000).optional(), links: linksSchema.optional() }).strict();
const tagInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    kind: tagKind.optional(),
    aliases: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
    /** Plain text for the topic page; the site escapes it. */
    description: z.string().trim().max(TOPIC_DESCRIPTION_MAX).optional(),
  })
  .strict();
const listQuery = z.object({ q: z.string().max(100).optional(), ...pageQuery }).strict();

function requireDirectoryWrite(actor: Actor): void {
  if (!can(actor, 'directory:write')) throw new Forbidden(actor.role, 'change sections, people or tags');
}

/** Sections, people and tags: everyone reads, editors and admins write. */
export function directoryRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const { sections, people, tags } = deps;

  /** A section slug must not be one the site's own paths use, nor another section's. */
  async function assertSectionSlugFree(slug: string, sectionId: string | null): Promise<void> {
    const owner = await sections.findBySlug(slug);
    if (RESERVED_SECTION_SLUGS.has(slug) || (owner && owner.id !== sectionId)) throw new ValidationError('slug', `The slug "${slug}" is taken or reserved`);
    // Static pages answer at the top level too (/about): a section there would hide one.
    if (await deps.staticPages.bySlug(slug)) throw new ValidationError('slug', `The address /${slug} is a static page's; choose another slug`);
  }

  return [
    route({ method: 'GET', url: '/sections', operationId: 'listSections', summary: 'All sections in navigation order', tag: 'Sections', response: Sections, handler: async () => sections.list() }),
    route({
      method: 'POST',
      url: '/sections',
      operationId: 'createSection',
      summary: 'Create a section',
      tag: 'Sections',
      status: 201,
      response: Section,
      body: sectionInput,
      async handler({ actor, body }) {
        requireDirectoryWrite(actor);
        if (body.slug) await assertSectionSlugFree(body.slug, null);
        const section = await deps.directory.createSection(body);
        await deps.afterPublicChange();
        return section;
      },
    }),
    route({
      method: 'PATCH',
      url: '/sections/:id',
      operationId: 'updateSection',
      summary: 'Rename, describe or reorder a section',
      tag: 'Sections',
      response: Section,
      params: idParams,
      body: sectionInput.partial().strict(),
      async handler({ actor, params, body }) {
        requireDirectoryWrite(actor);
        if (!(await sections.findById(params.id))) throw new SectionNotFound(params.id);
        if (body.slug) await assertSectionSlugFree(body.slug, params.id);
        await sections.update(params.id, body);
        await deps.afterPublicChange();
        return sections.findById(params.id);
      },
    }),
    route({
      method: 'DELETE',
      url: '/sections/:id',
      operationId: 'deleteSection',
      summary: 'Delete a section with no stories',
      tag: 'Sections',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        requireDirectoryWrite(actor);
        if (!(await sections.findById(params.id))) throw new SectionNotFound(params.id);
        const count = await sections.storyCount(params.id);
        if (count > 0) throw new SectionInUse(String(count));
        await sections.remove(params.id);
        await deps.afterPublicChange();
        return undefined;
      },
    }),

    route({
      method: 'GET',
      url: '/people',
      operationId: 'listPeople',
      summary: 'People (bylines), by name',
      tag: 'People',
      response: PersonPage,
      query: listQuery,
      async handler({ query }) {
        const { items, total } = await people.list(query.q, query.pageSize, (query.page - 1) * query.pageSize);
        return { items, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    route({
      method: 'POST',
      url: '/people',
      operationId: 'createPerson',
      summary: 'Create a person',
      tag: 'People',
      status: 201,
      response: Person,
      body: personInput,
      async handler({ actor, body }) {
        requireDirectoryWrite(actor);
        return deps.directory.createPerson(body);
      },
    }),
    route({
      method: 'PATCH',
      url: '/people/:id',
      operationId: 'updatePerson',
      summary: 'Edit a person',
      tag: 'People',
      response: Person,
      params: idParams,
      body: personInput.partial().strict(),
      async handler({ actor, params, body }) {
        requireDirectoryWrite(actor);
        if (!(await people.findById(params.id))) throw new PersonNotFound(params.id);
        if (body.slug && (await people.slugExists(body.slug)) && (await people.findBySlug(body.slug))?.id !== params.id) throw new ValidationError('slug', `The slug "${body.slug}" is taken`);
        await deps.directory.updatePerson(params.id, body);
        await deps.afterPublicChange();
        return people.findById(params.id);
      },
    }),

    route({
      method: 'GET',
      url: '/tags',
      operationId: 'listTags',
      summary: 'Tags and topics, by name',
      tag: 'Tags',
      response: TagPage,
      query: listQuery,
      async handler({ query }) {
        const { items, total } = await tags.list(query.q, query.pageSize, (query.page - 1) * query.pageSize);
        return { items, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    route({
      method: 'POST',
      url: '/tags',
      operationId: 'createTag',
      summary: 'Create a tag',
      tag: 'Tags',
      status: 201,
      response: Tag,
      body: tagInput,
      async handler({ actor, body }) {
        requireDirectoryWrite(actor);
        if (!slugify(body.name)) throw new ValidationError('name', 'A tag name needs letters or digits');
        if (await tags.findBySlug(slugify(body.name))) throw new ValidationError('name', `A tag "${body.name}" exists already`);
        const tag = await deps.directory.ensureTag(body.name, body.kind ?? 'topic');
        if (body.aliases || body.description) await deps.directory.updateTag(tag.id, { aliases: body.aliases, description: body.description });
        return tags.findById(tag.id);
      },
    }),
    route({
      method: 'PATCH',
      url: '/tags/:id',
      operationId: 'updateTag',
      summary: 'Rename a tag, change its kind, aliases or description',
      tag: 'Tags',
      response: Tag,
      params: idParams,
      body: tagInput.partial().strict(),
      async handler({ actor, params, body }) {
        requireDirectoryWrite(actor);
        if (!(await tags.findById(params.id))) throw new TagNotFound(params.id);
        await deps.directory.updateTag(params.id, body);
        await deps.afterPublicChange();
        return tags.findById(params.id);
      },
    }),
    route({
      method: 'DELETE',
      url: '/tags/:id',
      operationId: 'deleteTag',
      summary: 'Delete a tag (it is removed from every story)',
      tag: 'Tags',
      status: 204,
      params: idParams,
      async handler({ actor, params }) {
        requireDirectoryWrite(actor);
        if (!(await tags.findById(params.id))) throw new TagNotFound(params.id);
        await deps.directory.removeTag(params.id);
        await deps.afterPublicChange();
        return undefined;
      },
    }),
  ];
}
