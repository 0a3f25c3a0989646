import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { Pagination } from '../components/pagination.js';
import { StoryTable } from '../components/story-table.js';
import { plural } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/use-load.js';

/** Stories submitted for review, the longest-waiting first. */
export function ReviewQueueScreen() {
  useTitle('Review queue');
  const api = useApi();
  const [page, setPage] = useState(1);
  const stories = useLoad(() => api.articles.list({ status: 'submitted', sort: 'modifiedAt', order: 'asc', page, pageSize: 25 }), [page]);
  const data = stories.data;
  return (
    <>
      <PageHeader title="Review queue" description={data ? `${plural(data.total, 'story', 'stories')} waiting for an editor, oldest first.` : undefined}>
        <button type="button" className="button" onClick={stories.reload}>
          Refresh
        </button>
      </PageHeader>
      {stories.error != null && <ErrorNotice>Could not load the queue: {errorMessage(stories.error)}</ErrorNotice>}
      {stories.loading && !data && <Loading />}
      {data && <StoryTable stories={data.items} caption="Stories waiting for review" empty="Nothing is waiting for review." />}
      {data && data.items.length > 0 && <Pagination page={page} pageSize={data.pageSize || 25} total={data.total} onPage={setPage} label="Queue pages" />}
    </>
  );
}
