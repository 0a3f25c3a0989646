import type * as Api from './generated-types.js';
import type { Http } from './http.js';

export type ViewsSeries = Api.GetViewsOverTimeResponse;
export type ViewsPoint = ViewsSeries['points'][number];
export type AnalyticsScopeKind = ViewsSeries['scope'];
export type Granularity = ViewsSeries['granularity'];
export type TopStories = Api.ListTopStoriesResponse;
export type ReferrerHosts = Api.ListReferrerHostsResponse;
export type DeviceClasses = Api.ListDeviceClassesResponse;
export type LiveViews = Api.GetLiveViewsResponse;
export type ArticleReaders = Api.GetArticleReadersResponse;

/** Whose views and which days (site-local, YYYY-MM-DD; the server fills in defaults). */
export interface AnalyticsQuery {
  scope: AnalyticsScopeKind;
  id?: string;
  from?: string;
  to?: string;
}

const query = (q: AnalyticsQuery) => ({ scope: q.scope, id: q.scope === 'site' ? undefined : q.id, from: q.from, to: q.to });

/** The analytics routes (editors and admins; a story's own numbers for whoever may open it). */
export function createAnalyticsApi(http: Http) {
  return {
    views: (q: AnalyticsQuery, granularity: Granularity) => http.get<ViewsSeries>('/analytics/views', { ...query(q), granularity }),
    topStories: (q: AnalyticsQuery, limit = 10) => http.get<TopStories>('/analytics/top-stories', { ...query(q), limit }),
    referrers: (q: AnalyticsQuery, limit = 10) => http.get<ReferrerHosts>('/analytics/referrers', { ...query(q), limit }),
    devices: (q: AnalyticsQuery) => http.get<DeviceClasses>('/analytics/devices', query(q)),
    live: () => http.get<LiveViews>('/analytics/live'),
    article: (id: string) => http.get<ArticleReaders>(`/analytics/articles/${encodeURIComponent(id)}`),
  };
}
