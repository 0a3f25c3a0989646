import type * as Api from './generated-types.js';
import type { Http } from './http.js';

export type EntitySuggestion = Api.ListEntitySuggestionsResponse['items'][number];

const base = (articleId: string) => `/articles/${encodeURIComponent(articleId)}/suggestions`;

/** Suggested tags on a story: listing extracts again; accept makes a tag and attaches it. */
export function createEntitiesApi(http: Http) {
  return {
    list: (articleId: string) => http.get<Api.ListEntitySuggestionsResponse>(base(articleId)),
    accept: (articleId: string, suggestionId: string, version: number) => http.post<Api.AcceptEntitySuggestionResponse>(`${base(articleId)}/${encodeURIComponent(suggestionId)}/accept`, { version }),
    reject: (articleId: string, suggestionId: string) => http.post<Api.RejectEntitySuggestionResponse>(`${base(articleId)}/${encodeURIComponent(suggestionId)}/reject`),
  };
}
