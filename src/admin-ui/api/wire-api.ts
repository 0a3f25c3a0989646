import type * as Api from './generated-types.js';
import type { Http } from './http.js';

export type WireSource = Api.WireSource;
export type IncomingItem = Api.IncomingItem;
export type SourceInput = Api.CreateWireSourceBody;

const id = (value: string) => encodeURIComponent(value);

/** The wire desk: sources with their health, the Incoming queue, and a story's origin. */
export function createWireApi(http: Http) {
  return {
    sources: {
      list: () => http.get<Api.ListWireSourcesResponse>('/sources'),
      create: (body: Api.CreateWireSourceBody) => http.post<Api.WireSource>('/sources', body),
      update: (sourceId: string, body: Api.UpdateWireSourceBody) => http.patch<Api.WireSource>(`/sources/${id(sourceId)}`, body),
      remove: (sourceId: string) => http.del<void>(`/sources/${id(sourceId)}`),
      poll: (sourceId: string) => http.post<Api.PollWireSourceResponse>(`/sources/${id(sourceId)}/poll`),
    },
    incoming: {
      list: (query: { source?: string; section?: string; group?: string; q?: string; page?: number; pageSize?: number }) => http.get<Api.ListIncomingResponse>('/incoming', query),
      get: (itemId: string) => http.get<Api.GetIncomingResponse>(`/incoming/${id(itemId)}`),
      take: (itemId: string) => http.post<Api.TakeIncomingResponse>(`/incoming/${id(itemId)}/take`),
      dismiss: (itemId: string) => http.post<void>(`/incoming/${id(itemId)}/dismiss`),
    },
    origin: (articleId: string) => http.get<Api.GetArticleOriginResponse>(`/articles/${id(articleId)}/origin`),
  };
}
