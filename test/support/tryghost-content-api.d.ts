// The official Ghost Content API client ships no types; this declares what the tests use.
declare module '@tryghost/content-api' {
  type Params = Record<string, string | number | string[] | undefined>;
  type Browsed<T> = T[] & { meta: { pagination: { page: number; limit: number; pages: number; total: number; next: number | null; prev: number | null } } };
  interface Resource {
    browse(options?: Params): Promise<Browsed<any>>;
    read(data: { id?: string; slug?: string }, options?: Params): Promise<any>;
  }
  interface ContentApi {
    posts: Resource;
    pages: Resource;
    authors: Resource;
    tags: Resource;
    settings: { browse(options?: Params): Promise<any> };
    tiers: { browse(options?: Params): Promise<Browsed<any>> };
  }
  export default function GhostContentAPI(options: { url: string; key: string; version: string | boolean; ghostPath?: string; userAgent?: string | boolean }): ContentApi;
}
