import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/index.js';
import { andAll, filterConditions, RANK_WINDOW, storySets, type RawHit, type SearchIndexRepo, type SearchRequest } from './search-filters-repo.js';
import { fts5Match, type ParsedQuery } from './search-query.js';
import type { SearchDocument } from './search-source-repo.js';

/** bm25 with the column weights the migration set as the table's rank (headline 10, standfirst/tags/authors 4, body 1). */
const BM25 = sql`search_fts.rank`;
const SNIPPET_WORDS = 28;

/**
 * SQLite: an FTS5 table (unicode61, diacritics folded, so Devanagari and accented names work)
 * keyed by `search_documents.doc_id`. Snippets are made in a second query for the page's rows
 * only, because SQLite would otherwise make one for every match before sorting.
 */
export function createFts5SearchRepo(db: Kysely<Database>): SearchIndexRepo {
  async function docId(articleId: string): Promise<number | null> {
    const row = await sql<{ doc_id: number }>`select doc_id from search_documents where article_id = ${articleId}`.execute(db);
    return row.rows[0]?.doc_id ?? null;
  }

  return {
    async write(doc: SearchDocument) {
      let id = await docId(doc.articleId);
      if (id === null) {
        const inserted = await sql<{ doc_id: number }>`insert into search_documents (article_id, version, section_id, published_at) values (${doc.articleId}, ${doc.version}, ${doc.sectionId}, ${doc.publishedAt}) returning doc_id`.execute(db);
        id = inserted.rows[0]!.doc_id;
      } else {
        await db.updateTable('search_documents').set({ version: doc.version, section_id: doc.sectionId, published_at: doc.publishedAt }).where('article_id', '=', doc.articleId).execute();
        await sql`delete from search_fts where rowid = ${id}`.execute(db);
      }
      await sql`insert into search_fts (rowid, headline, standfirst, tags, authors, body) values (${id}, ${doc.headline}, ${doc.standfirst}, ${doc.tags}, ${doc.authors}, ${doc.body})`.execute(db);
    },

    async remove(articleId: string) {
      const id = await docId(articleId);
      if (id === null) return;
      await sql`delete from search_fts where rowid = ${id}`.execute(db);
      await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
    },

    async search(request: SearchRequest): Promise<RawHit[]> {
      const match = fts5Match(request.query);
      const { author, tag, ...onDocument } = request.filters;
      // `+rowid`: a set SQLite builds once and probes, not a rowid constraint handed to FTS5,
      // which re-runs the whole match for each value (22 ms for 250 stories).
      const conditions = [...storySets({ author, tag }).map((set) => sql<SqlBool>`+search_fts.rowid in (${set})`), ...filterConditions(onDocument)];
      const joined = Object.values(onDocument).some(Boolean) ? sql`join search_documents d on d.doc_id = search_fts.rowid` : sql``;
      // FTS5 walks matches newest rowid first and stops at the window; only those are ranked.
      const candidates = sql`select search_fts.rowid as doc_id, ${BM25} as score from search_fts ${joined}
        where search_fts match ${match}${andAll(conditions)} order by search_fts.rowid desc limit ${RANK_WINDOW}`;
      const page =
        request.sort === 'relevance'
          ? await sql<{ doc_id: number }>`select doc_id from (${candidates}) order by score, doc_id desc limit ${request.limit} offset ${request.offset}`.execute(db)
          : await sql<{ doc_id: number }>`
            select d.doc_id from search_fts join search_documents d on d.doc_id = search_fts.rowid
            where search_fts match ${match}${andAll(conditions)}
            order by d.published_at desc, d.doc_id desc
            limit ${request.limit} offset ${request.offset}`.execute(db);
      if (!page.rows.length) return [];
      const ids = sql.join(page.rows.map((r) => r.doc_id));
      // Highlights from the FTS table alone: joined to other tables, FTS5 gave one row's highlight to another.
      const [marked, stories] = await Promise.all([
        sql<{ doc_id: number; headline: string; snippet: string }>`
          select rowid as doc_id, highlight(search_fts, 0, char(1), char(2)) as headline, snippet(search_fts, 4, char(1), char(2), '…', ${SNIPPET_WORDS}) as snippet
          from search_fts where search_fts match ${match} and rowid in (${ids})`.execute(db),
        sql<Omit<RawHit, 'headline' | 'snippet'> & { doc_id: number }>`
          select d.doc_id, d.article_id as "articleId", a.slug, s.slug as "sectionSlug", s.name as "sectionName", d.published_at as "publishedAt"
          from search_documents d join articles a on a.id = d.article_id join sections s on s.id = a.section_id
          where d.doc_id in (${ids})`.execute(db),
      ]);
      const marks = new Map(marked.rows.map((r) => [r.doc_id, r]));
      const byId = new Map(stories.rows.map(({ doc_id, ...story }) => [doc_id, { ...story, headline: marks.get(doc_id)?.headline ?? '', snippet: marks.get(doc_id)?.snippet ?? '' }]));
      return page.rows.flatMap((r) => byId.get(r.doc_id) ?? []);
    },

    matches(query: ParsedQuery, articleIdColumn: string) {
      return sql<SqlBool>`${sql.ref(articleIdColumn)} in (select d.article_id from search_fts join search_documents d on d.doc_id = search_fts.rowid where search_fts match ${fts5Match(query)})`;
    },
  };
}
