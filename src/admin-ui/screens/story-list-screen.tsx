import { useApi, useSession } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { ArticleQuery, Status } from '../api/types.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { Pagination } from '../components/pagination.js';
import { StoryTable } from '../components/story-table.js';
import { Tabs } from '../components/tabs.js';
import { usePeople, useSections } from '../components/use-directory.js';
import { atLeast } from '../lib/roles.js';
import { useLoad, useTitle } from '../lib/use-load.js';
import { startNewStory } from '../router/editor-session.js';
import { navigate, useLocation, withQuery } from '../router/router.js';
import { StoryFilters, type FilterValues } from './story-filters.js';

const TABS: { value: Status | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'draft', label: 'Drafts' },
  { value: 'submitted', label: 'In review' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'published', label: 'Published' },
  { value: 'unpublished', label: 'Unpublished' },
];
const PAGE_SIZE = 25;
const PANEL_ID = 'story-results';

/** A date from the filter as the first or last instant of that day in local time. */
function dayBoundary(day: string, edge: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function readState(search: URLSearchParams) {
  const status = (search.get('status') ?? '') as Status | '';
  const sort = (search.get('sort') as FilterValues['sort']) || 'modifiedAt';
  const filters: FilterValues = {
    section: search.get('section') ?? '',
    author: search.get('author') ?? '',
    tag: search.get('tag') ?? '',
    tagName: search.get('tagName') ?? '',
    q: search.get('q') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    sort,
    order: (search.get('order') as FilterValues['order']) || (sort === 'headline' ? 'asc' : 'desc'),
  };
  const page = Math.max(1, Number(search.get('page')) || 1);
  return { status, filters, page };
}

export function StoryListScreen() {
  useTitle('Stories');
  const api = useApi();
  const { user } = useSession();
  const { search } = useLocation();
  const { status, filters, page } = readState(search);
  const sections = useSections();
  const people = usePeople();

  const query: ArticleQuery = {
    status: status || undefined,
    section: filters.section || undefined,
    author: filters.author || undefined,
    tag: filters.tag || undefined,
    q: filters.q || undefined,
    from: dayBoundary(filters.from, 'start'),
    to: dayBoundary(filters.to, 'end'),
    sort: filters.sort,
    order: filters.order,
    page,
    pageSize: PAGE_SIZE,
  };
  const key = JSON.stringify(query);
  const stories = useLoad(() => api.articles.list(query), [key]);

  function go(change: { status?: Status | ''; filters?: Partial<FilterValues>; page?: number }) {
    const next = { ...filters, ...change.filters };
    // The default sort order differs: newest first for dates, A to Z for headlines.
    if (change.filters?.sort && !change.filters.order) next.order = change.filters.sort === 'headline' ? 'asc' : 'desc';
    navigate(
      withQuery('/admin/stories', {
        status: change.status ?? status,
        ...next,
        sort: next.sort === 'modifiedAt' ? '' : next.sort,
        order: next.order === (next.sort === 'headline' ? 'asc' : 'desc') ? '' : next.order,
        page: change.page && change.page > 1 ? change.page : '',
      }),
    );
  }

  const tabLabel = TABS.find((t) => t.value === status)?.label ?? 'All';
  const results = stories.data;

  return (
    <>
      <PageHeader title="Stories" description={user.role === 'contributor' ? 'Your stories.' : undefined}>
        <button type="button" className="button button-primary" onClick={startNewStory}>
          New story
        </button>
      </PageHeader>
      <Tabs label="Story status" tabs={TABS} value={status} onChange={(value) => go({ status: value, page: 1 })} panelId={PANEL_ID} />
      <div id={PANEL_ID} role="tabpanel" aria-labelledby={`${PANEL_ID}-tab-${status || 'all'}`} className="tab-panel">
        <StoryFilters
          values={filters}
          onChange={(change) => go({ filters: change, page: 1 })}
          onClear={() => navigate(withQuery('/admin/stories', { status }))}
          sections={sections.data ?? []}
          people={people.data ?? []}
          showAuthor={atLeast(user.role, 'author')}
        />
        {stories.error != null && <ErrorNotice>Could not load stories: {errorMessage(stories.error)}</ErrorNotice>}
        {stories.loading && !results && <Loading label="Loading stories…" />}
        {results && (
          <div aria-busy={stories.loading} className={stories.loading ? 'is-refreshing' : undefined}>
            <StoryTable
              stories={results.items}
              caption={`${tabLabel} stories`}
              empty={filters.q || filters.section || filters.tag || filters.author || filters.from || filters.to ? 'No stories match these filters.' : `No stories in ${tabLabel}.`}
            />
            <Pagination page={results.page || page} pageSize={results.pageSize || PAGE_SIZE} total={results.total} moreThanTotal={results.totalRelation === 'gte'} onPage={(p) => go({ page: p })} label="Story pages" />
          </div>
        )}
      </div>
    </>
  );
}
