import { z } from 'zod';
import { addDays, daysBetween, MAX_RANGE_DAYS, type AnalyticsScope, type Granularity } from '../../audience/index.js';
import { ArticleNotFound, PersonNotFound, SectionNotFound } from '../../content/index.js';
import { DatelineError, ValidationError } from '../../shared/errors.js';
import type { AdminDeps } from '../admin-deps.js';
import type { Actor } from '../auth-service.js';
import { Forbidden } from '../errors.js';
import { atLeast, canOnArticle } from '../permissions.js';
import { route, type AdminRoute } from '../route-kit.js';
import { AnalyticsDevices, AnalyticsLive, AnalyticsReferrers, AnalyticsSeries, AnalyticsTopStories, ArticleReaders } from '../response-schemas.js';
import { idParams, idSchema } from '../schemas.js';

/** A site-local calendar day that exists (2025-02-30 does not). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) && value >= '2000-01-01';
  }, 'not a calendar day from 2000 on')
  .describe('A day in the site time zone, YYYY-MM-DD');

const scopeShape = {
  scope: z.enum(['site', 'section', 'author', 'article']).default('site').describe('Whose views: the site, a section, an author (byline) or one story'),
  id: idSchema.optional().describe('The section, person or story id; required unless scope is site'),
};
const periodShape = {
  from: day.optional().describe('First day (default: 29 days before `to`)'),
  to: day.optional().describe('Last day, included (default: today)'),
};
const limit = (fallback: number) => z.coerce.number().int().min(1).max(50).default(fallback);

const seriesQuery = z.object({ ...scopeShape, ...periodShape, granularity: z.enum(['hour', 'day', 'month']).default('day') }).strict();
const topQuery = z.object({ ...scopeShape, ...periodShape, limit: limit(10) }).strict();
const devicesQuery = z.object({ ...scopeShape, ...periodShape }).strict();

/** The period asked for, with defaults, refused by field name when backwards or too long for the granularity. */
function period(query: { from?: string | undefined; to?: string | undefined }, today: string, granularity: Granularity = 'day') {
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? addDays(to, granularity === 'hour' ? -1 : granularity === 'month' ? -364 : -29);
  if (from > to) throw new ValidationError('to', `to: ${to} is before from (${from})`);
  const max = MAX_RANGE_DAYS[granularity];
  if (daysBetween(from, to) + 1 > max) throw new ValidationError('from', `from: a ${granularity} chart covers at most ${max} days; ${from} to ${to} is ${daysBetween(from, to) + 1}`);
  return { from, to };
}

/** Views of the site, a section, an author or one story, for editors and admins. */
export function analyticsRoutes(deps: AdminDeps): AdminRoute<any, any, any>[] {
  const { analytics } = deps;

  function requireEditor(actor: Actor) {
    if (!atLeast(actor, 'editor')) throw new Forbidden(actor.role, 'see analytics');
  }

  async function scopeOf(query: { scope: AnalyticsScope['kind']; id?: string | undefined }): Promise<AnalyticsScope> {
    if (query.scope === 'site') {
      if (query.id) throw new ValidationError('id', 'id: the site scope takes no id');
      return { kind: 'site' };
    }
    if (!query.id) throw new ValidationError('id', `id: a ${query.scope} id is required for scope ${query.scope}`);
    const scope = { kind: query.scope, id: query.id };
    if (!(await analytics.scopeExists(scope))) {
      const missing = query.scope === 'section' ? SectionNotFound : query.scope === 'author' ? PersonNotFound : ArticleNotFound;
      throw new DatelineError(missing.code, `No ${query.scope === 'author' ? 'person' : query.scope} ${query.id}`, 404, 'id');
    }
    return scope;
  }

  return [
    route({
      method: 'GET',
      url: '/analytics/views',
      operationId: 'getViewsOverTime',
      summary: 'Views per hour, day or month of the site, a section, an author or a story',
      tag: 'Analytics',
      query: seriesQuery,
      response: AnalyticsSeries,
      async handler({ actor, query }) {
        requireEditor(actor);
        const scope = await scopeOf(query);
        const { from, to } = period(query, analytics.today(), query.granularity);
        return { scope: scope.kind, id: scope.kind === 'site' ? null : scope.id, ...(await analytics.series(scope, query.granularity, from, to)) };
      },
    }),
    route({
      method: 'GET',
      url: '/analytics/top-stories',
      operationId: 'listTopStories',
      summary: 'The most viewed stories of a period, for the site, a section or an author',
      tag: 'Analytics',
      query: topQuery,
      response: AnalyticsTopStories,
      async handler({ actor, query }) {
        requireEditor(actor);
        const scope = await scopeOf(query);
        const { from, to } = period(query, analytics.today());
        return { from, to, items: await analytics.topStories(scope, from, to, query.limit) };
      },
    }),
    route({
      method: 'GET',
      url: '/analytics/referrers',
      operationId: 'listReferrerHosts',
      summary: 'Where readers came from: referrer hosts of a period, most views first',
      tag: 'Analytics',
      query: topQuery,
      response: AnalyticsReferrers,
      async handler({ actor, query }) {
        requireEditor(actor);
        const scope = await scopeOf(query);
        const { from, to } = period(query, analytics.today());
        return { from, to, items: await analytics.referrers(scope, from, to, query.limit) };
      },
    }),
    route({
      method: 'GET',
      url: '/analytics/devices',
      operationId: 'listDeviceClasses',
      summary: 'Views of a period by device class: mobile, tablet, desktop',
      tag: 'Analytics',
      query: devicesQuery,
      response: AnalyticsDevices,
      async handler({ actor, query }) {
        requireEditor(actor);
        const scope = await scopeOf(query);
        const { from, to } = period(query, analytics.today());
        return { from, to, items: await analytics.devices(scope, from, to) };
      },
    }),
    route({
      method: 'GET',
      url: '/analytics/live',
      operationId: 'getLiveViews',
      summary: 'The last 30 minutes, per minute, and the stories read most in them',
      tag: 'Analytics',
      response: AnalyticsLive,
      async handler({ actor }) {
        requireEditor(actor);
        return analytics.live();
      },
    }),
    route({
      method: 'GET',
      url: '/analytics/articles/:id',
      operationId: 'getArticleReaders',
      summary: "A story's own numbers: total, today, the last 7 and 30 days, referrers and devices",
      tag: 'Analytics',
      params: idParams,
      response: ArticleReaders,
      async handler({ actor, params }) {
        // Whoever may open the story in the editor sees its readers.
        const view = await deps.read.view(params.id);
        if (!view || !canOnArticle(actor, 'read', view)) throw new ArticleNotFound(params.id);
        const numbers = await analytics.article(params.id);
        if (!numbers) throw new ArticleNotFound(params.id);
        return numbers;
      },
    }),
  ];
}
