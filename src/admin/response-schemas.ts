import { z, type ZodType } from 'zod';
import { tagKind } from './schemas.js';
import { settingsSchema } from './settings-service.js';
import { ROLES } from './user-service.js';
import { IncomingItem, WireSource } from './wire-schemas.js';

/**
 * What the admin API answers on success, as zod schemas beside the request schemas. The
 * OpenAPI document is generated from them (route-kit's `openApiDocument`), and
 * openapi.test.ts checks real answers against that document, so a handler that starts
 * answering another shape fails a test instead of silently breaking a client.
 *
 * The shapes in `componentSchemas` repeat across routes: the document names them once under
 * `components/schemas` and refers to them with `$ref`.
 */

/** ISO-8601 date-times as the API writes them (`2025-06-27T04:30:00.000Z`). */
const dateTime = z.string().meta({ format: 'date-time' });
const count = z.number().int().min(0);
const articleStatus = z.enum(['draft', 'submitted', 'scheduled', 'published', 'unpublished']);
const sectionRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('Stable error code, see docs/errors.md'),
    message: z.string(),
    field: z.string().optional().describe('The input the error is about, by its path: `body.headline`'),
    current: z.unknown().optional().describe('What is there now, for conflicts: the latest version, or the stories using a picture'),
    requestId: z.string().optional().describe('The id in the answer’s X-Request-Id header and on the server’s log lines for this request'),
  }),
});

export const Session = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), personId: z.string().nullable() }),
  csrfToken: z.string().nullable().describe('Send it as X-CSRF-Token on writes made with the session cookie; null for API keys'),
});

/** What the editor app needs to know about the site before anyone signs in. */
export const SiteInfo = z.object({
  name: z.string(),
  timeZone: z.string().describe('IANA time zone; the desk shows and takes every time in it'),
  locale: z.string(),
});

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  personId: z.string().nullable(),
  disabled: z.boolean(),
  invitePending: z.boolean().describe('Invited and no password set yet: cannot sign in until they use their invitation link'),
  createdAt: dateTime,
});

export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['content-read', 'admin']),
  prefix: z.string().describe('The first characters of the key, to recognise it by'),
  createdAt: dateTime,
  lastUsedAt: dateTime.nullable(),
  revokedAt: dateTime.nullable(),
});

/** The settings as stored: the same schema that checks a change. */
export const Settings = settingsSchema;

export const Section = z.object({ id: z.string(), slug: z.string(), name: z.string(), description: z.string(), position: z.number().int() });
export const Person = z.object({ id: z.string(), slug: z.string(), name: z.string(), bio: z.string(), links: z.record(z.string(), z.string()) });
export const Tag = z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: tagKind, aliases: z.array(z.string()), description: z.string() });

export const MediaItem = z.object({
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  sourceUrl: z.string().nullable(),
  licence: z.string(),
  showDisclaimer: z.boolean(),
  focal: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }),
  url: z.string().nullable().describe('A ~960px JPEG; null while it is being made'),
  thumbUrl: z.string().nullable().describe('A 480×270 JPEG cropped around the focal point'),
  variantsState: z.enum(['awaiting', 'filling', 'pending', 'processing', 'ready', 'failed']),
  createdAt: dateTime,
});

/** A body document (TipTap JSON, see src/doc/types.ts); its nodes are checked on the way in, not described here. */
export const Doc = z.object({ type: z.literal('doc'), content: z.array(z.looseObject({ type: z.string() })) });

export const ArticleSummary = z.object({
  id: z.string(),
  slug: z.string(),
  headline: z.string(),
  status: articleStatus,
  section: sectionRef,
  authors: z.array(z.object({ id: z.string(), name: z.string() })),
  modifiedAt: dateTime,
  publishedAt: dateTime.nullable(),
  scheduledAt: dateTime.nullable(),
  version: z.number().int().min(1),
  url: z.string().describe('The public URL (meaningful once published)'),
});

export const Article = z.object({
  id: z.string(),
  slug: z.string(),
  headline: z.string(),
  standfirst: z.string(),
  body: Doc,
  status: articleStatus,
  sectionId: z.string(),
  section: sectionRef,
  authorIds: z.array(z.string()).describe('The byline: people ids in order'),
  authors: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string() })),
  tags: z.array(z.object({ id: z.string(), name: z.string(), kind: tagKind, slug: z.string() })),
  heroMediaId: z.string().nullable(),
  heroCaption: z.string().nullable(),
  datelinePlace: z.string().nullable(),
  source: z.string().nullable(),
  language: z.string(),
  seoTitle: z.string().nullable(),
  seoDescription: z.string().nullable(),
  embargoUntil: dateTime.nullable(),
  scheduledAt: dateTime.nullable(),
  firstPublishedAt: dateTime.nullable(),
  publishedAt: dateTime.nullable(),
  updatedAt: dateTime.nullable(),
  createdAt: dateTime,
  modifiedAt: dateTime,
  version: z.number().int().min(1),
  views: count,
  url: z.string().describe('The public URL (meaningful once published)'),
  previewUrl: z.string().describe('The page as it would look now, whatever the status'),
  corrections: z.array(z.object({ note: z.string(), createdAt: dateTime })),
  pendingChanges: z
    .object({ savedAt: dateTime, savedBy: z.object({ id: z.string(), name: z.string() }).nullable() })
    .nullable()
    .describe('A live story with saved changes readers do not see yet: the editable fields above show them; Update makes them public'),
  permissions: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    withdraw: z.boolean(),
    update: z.boolean(),
    discard: z.boolean(),
    publish: z.boolean(),
    schedule: z.boolean(),
    unpublish: z.boolean(),
    return: z.boolean(),
    correct: z.boolean(),
    delete: z.boolean(),
  }),
});

/** A static page (About, Contact, …) without its body, as lists show it. */
export const StaticPageSummary = z.object({
  id: z.string(),
  slug: z.string().describe('The page is served at /{slug}'),
  title: z.string(),
  position: z.number().int().describe('Footer order, lowest first'),
  inFooter: z.boolean().describe('Whether the site footer links to it'),
  createdAt: dateTime,
  updatedAt: dateTime,
  updatedBy: z.string().nullable().describe('The user who saved it last'),
  url: z.string().describe('The public URL'),
});
export const StaticPage = StaticPageSummary.extend({ body: Doc });

/** One page of a long list: `?page=` from 1, `?pageSize=` 1–100. */
function pageOf(item: ZodType) {
  return z.object({ items: z.array(item), total: count, page: z.number().int().min(1), pageSize: z.number().int().min(1) });
}

/** `totalRelation: 'gte'` when a text search matched more stories than the desk counts (`total` is then that limit). */
export const ArticleSummaryPage = pageOf(ArticleSummary).extend({ totalRelation: z.enum(['eq', 'gte']) });
export const MediaItemPage = pageOf(MediaItem);
export const PersonPage = pageOf(Person);
export const TagPage = pageOf(Tag);

/** Named shapes, in the order the document lists them under `components/schemas`. */
export const componentSchemas: Readonly<Record<string, ZodType>> = {
  Error: ErrorBody,
  Session,
  User,
  ApiKey,
  Settings,
  Section,
  Person,
  Tag,
  MediaItem,
  Doc,
  ArticleSummary,
  Article,
  StaticPageSummary,
  StaticPage,
  ArticleSummaryPage,
  MediaItemPage,
  PersonPage,
  TagPage,
  WireSource,
  IncomingItem,
};

const diff = z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() }));

/** Short lists, answered whole. */
export const Sections = z.array(Section);
export const Users = z.array(User);
export const ApiKeys = z.array(ApiKey);
export const StaticPages = z.array(StaticPageSummary);

/** Answers of one route each. */
export const SetupState = z.object({ needed: z.boolean().describe('True while no admin exists and the setup token is open') });
export const SessionsEnded = z.object({ ended: count });
/** One-time links that set a password (src/admin/account-tokens.ts). */
export const AccountLink = z.object({
  url: z.string().describe('The absolute one-time link (from SITE_URL); shown to the admin in this answer only'),
  expiresAt: dateTime,
});
export const Invitation = AccountLink.extend({
  user: User,
  mail: z.enum(['sent', 'off', 'failed']).describe("Whether the link also went to the user's address: off without SMTP_URL"),
});
export const AccountTokenInfo = z.object({ purpose: z.enum(['invite', 'reset']), email: z.string(), name: z.string(), expiresAt: dateTime });
export const PasswordResetState = z.object({ byMail: z.boolean().describe('True when reset links go out by mail; else an administrator makes them') });
export const NewApiKey = z.object({ apiKey: ApiKey, key: z.string().describe('The key itself: shown in this answer only') });
export const Revisions = z.array(
  z.object({
    id: z.string(),
    version: z.number().int().min(1),
    createdAt: dateTime,
    user: z.object({ id: z.string(), name: z.string() }).nullable(),
    kind: z.enum(['save', 'autosave', 'update', 'restore', 'workflow', 'import']).describe('What made it; autosaves of one editing session share one revision'),
  }),
);
export const RevisionComparison = z.object({ from: z.number().int().min(1), to: z.number().int().min(1), headline: diff, standfirst: diff, body: diff });
export const RestoredArticle = Article.extend({
  restoredWithout: z.array(z.object({ field: z.enum(['sectionId', 'authorIds', 'tagIds', 'heroMediaId']), id: z.string() })).describe('References deleted since that version, left out of the restore'),
});
export const Presence = z.object({ editors: z.array(z.object({ userId: z.string(), name: z.string(), since: dateTime })).describe('The others who have the story open') });
export const MediaItemWithUses = MediaItem.extend({
  usedBy: z.array(z.object({ id: z.string(), headline: z.string(), status: articleStatus })).describe('Stories using the picture that the caller may see'),
  usedByOthers: count.describe('Stories using it that the caller may not see'),
});

/** The front page (src/content/front-page-schema.ts): a story as the screen shows it, and the whole arrangement. */
const FrontPageStory = z.object({
  id: z.string(),
  headline: z.string(),
  status: articleStatus,
  hasPicture: z.boolean().describe('Only a story with a hero picture can lead'),
  publishedAt: dateTime.nullable(),
  section: sectionRef,
});
const FrontPagePin = z.object({ articleId: z.string(), expiresAt: dateTime.nullable() });
export const FrontPage = z.object({
  version: z.number().int().min(0).describe('0 before the first save; send it back with a change'),
  savedAt: dateTime.nullable(),
  savedBy: z.string().nullable().describe('The name of who saved last'),
  maxTop: z.number().int().min(1).describe('How many top stories may be pinned'),
  lead: FrontPagePin.nullable(),
  top: z.array(FrontPagePin),
  breaking: z.object({ text: z.string(), url: z.string(), expiresAt: dateTime.nullable() }).nullable(),
  rails: z.array(z.object({ sectionId: z.string(), visible: z.boolean() })).describe('Every section, in the order its rail shows'),
  stories: z.array(FrontPageStory).describe('The stories the pins refer to (a deleted one is missing)'),
  inactive: z
    .array(z.object({ slot: z.string().describe('`lead`, `top.N` or `breaking`'), articleId: z.string().nullable(), reason: z.enum(['deleted', 'not-published', 'expired', 'no-picture']), message: z.string() }))
    .describe('Pins and the banner that are not on the home page now, and why'),
});
export const FrontPageStories = z.object({ items: z.array(FrontPageStory) });

/** Views (src/audience): one per reader per story per site-local day, so a story's daily views are its daily readers. */
const day = z.string().describe('A day in the site time zone, YYYY-MM-DD');
const viewsPoint = z.object({
  t: z.string().describe('The start of the slot: an ISO instant (hour: the start of a site-local hour), a day YYYY-MM-DD or a month YYYY-MM'),
  views: count,
  visitors: count.optional().describe('Distinct readers of any story that day (site-wide daily series only)'),
});
const hostViews = z.object({ host: z.string().describe('Normalised referrer host; `direct` for none, `other` past the daily cap of hosts'), views: count });
const deviceViews = z.object({ device: z.enum(['mobile', 'tablet', 'desktop']), views: count });
export const AnalyticsSeries = z.object({
  scope: z.enum(['site', 'section', 'author', 'article']),
  id: z.string().nullable(),
  granularity: z.enum(['hour', 'day', 'month']),
  from: day,
  to: day,
  timeZone: z.string().describe('The site time zone the days and hours are counted in'),
  total: count,
  points: z.array(viewsPoint).describe('Every slot of the period, empty ones as 0'),
});
export const AnalyticsTopStories = z.object({
  from: day,
  to: day,
  items: z.array(z.object({ id: z.string(), headline: z.string(), status: articleStatus, slug: z.string(), section: sectionRef, views: count })),
});
export const AnalyticsReferrers = z.object({ from: day, to: day, items: z.array(hostViews) });
export const AnalyticsDevices = z.object({ from: day, to: day, items: z.array(deviceViews) });
export const AnalyticsLive = z.object({
  asOf: dateTime,
  total: count,
  points: z.array(z.object({ t: dateTime, views: count })).describe('The last 30 minutes, one point a minute, the running minute last'),
  top: z.array(z.object({ id: z.string(), headline: z.string(), views: count })).describe('Published stories read most in those minutes'),
});
export const ArticleReaders = z.object({
  total: count.describe('All views, as the page shows them'),
  today: count,
  last7Days: count,
  last30Days: count,
  days: z.array(viewsPoint).describe('The last 30 days, today last'),
  referrers: z.array(hostViews).describe('Top referrer hosts of the last 30 days'),
  devices: z.array(deviceViews).describe('Views of the last 30 days by device class'),
});
