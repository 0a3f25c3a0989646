import { useApi } from '../api/api-context.js';
import { useLoad } from '../lib/use-load.js';

/**
 * Where a story came from, for stories taken from the Incoming queue or imported from a wire:
 * the agency or issuing body, and a link to the original. Nothing shows for the desk's own stories.
 */
export function StoryOriginPanel({ articleId }: { articleId: string }) {
  const api = useApi();
  const origin = useLoad(() => api.wire.origin(articleId), [articleId]);
  const data = origin.data;
  if (!data || (!data.source && !data.sourceUrl)) return null;
  return (
    <section className="panel origin-panel" aria-labelledby="origin-title" data-testid="story-origin">
      <h2 id="origin-title" className="panel-title">
        Source
      </h2>
      {data.source && (
        <p>
          Credit: <strong data-testid="origin-source">{data.source}</strong>
          {data.sourceName && data.sourceName !== data.source ? ` (via ${data.sourceName})` : null}
        </p>
      )}
      {data.sourceUrl && (
        <p>
          <a href={data.sourceUrl} target="_blank" rel="noopener noreferrer" data-testid="origin-link">
            Original
          </a>{' '}
          <span className="hint">{new URL(data.sourceUrl).host}</span>
        </p>
      )}
    </section>
  );
}
