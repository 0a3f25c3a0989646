import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import type { FrontPageStory } from '../api/front-page-api.js';
import { TextField } from '../components/field.js';
import { ErrorNotice } from '../components/notice.js';
import { formatRelative, plural } from '../lib/format.js';
import { useDebounced, useLoad } from '../lib/use-load.js';

interface StorySearchProps {
  /** Ids already on the front page: they cannot be pinned twice. */
  pinned: ReadonlySet<string>;
  topFull: boolean;
  onLead: (story: FrontPageStory) => void;
  onTop: (story: FrontPageStory) => void;
}

/** Published stories, newest first, searched by headline; each can be made the lead or added to the top stories. */
export function FrontPageStorySearch({ pinned, topFull, onLead, onTop }: StorySearchProps) {
  const api = useApi();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 250);
  const results = useLoad(() => api.frontPage.stories(settled), [settled]);

  return (
    <section className="front-search" aria-labelledby="front-search-h">
      <h2 id="front-search-h" className="front-heading">
        Published stories
      </h2>
      <TextField label="Find a story by headline" type="search" value={query} onChange={setQuery} placeholder="e.g. monsoon" autoComplete="off" />
      {results.error != null && <ErrorNotice>{errorMessage(results.error)}</ErrorNotice>}
      <p className="visually-hidden" role="status">
        {results.data ? plural(results.data.length, 'story', 'stories') + ' found' : ''}
      </p>
      <ul className="front-results" aria-busy={results.loading}>
        {results.data?.map((story) => {
          const isPinned = pinned.has(story.id);
          return (
            <li key={story.id} className="front-result">
              <p className="pin-headline">{story.headline}</p>
              <p className="pin-meta">
                {story.section.name} · {formatRelative(story.publishedAt)}
                {!story.hasPicture && <span className="badge badge-no-picture">No picture</span>}
              </p>
              <div className="button-row">
                <button type="button" className="button button-small" disabled={isPinned || !story.hasPicture} onClick={() => onLead(story)} aria-label={`Make “${story.headline}” the lead`}>
                  Lead
                </button>
                <button type="button" className="button button-small" disabled={isPinned || topFull} onClick={() => onTop(story)} aria-label={`Add “${story.headline}” to the top stories`}>
                  Top story
                </button>
                {isPinned && <span className="field-hint">On the front page</span>}
                {!isPinned && !story.hasPicture && <span className="field-hint">Needs a picture to lead</span>}
              </div>
            </li>
          );
        })}
        {results.data?.length === 0 && <li className="empty">No published story matches.</li>}
      </ul>
    </section>
  );
}
