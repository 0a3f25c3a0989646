import type { ArticleSummary } from '../api/types.js';
import { formatDateTime, formatRelative } from '../lib/format.js';
import { Link } from '../router/link.js';
import { StatusBadge } from './status-badge.js';

function when(story: ArticleSummary) {
  if (story.status === 'scheduled' && story.scheduledAt) return `Scheduled ${formatDateTime(story.scheduledAt)}`;
  if (story.publishedAt) return formatDateTime(story.publishedAt);
  return '—';
}

/** Stories as a table: headline links to the editor. */
export function StoryTable({ stories, caption }: { stories: ArticleSummary[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Headline</th>
            <th scope="col">Status</th>
            <th scope="col">Section</th>
            <th scope="col">Authors</th>
            <th scope="col">Modified</th>
            <th scope="col">Published</th>
          </tr>
        </thead>
        <tbody>
          {stories.map((story) => (
            <tr key={story.id}>
              <td className="cell-headline">
                <Link href={`/admin/stories/${encodeURIComponent(story.id)}`}>{story.headline || 'Untitled story'}</Link>
              </td>
              <td>
                <StatusBadge status={story.status} />
              </td>
              <td>{story.section?.name ?? '—'}</td>
              <td>{story.authors.map((a) => a.name).join(', ') || '—'}</td>
              <td>
                <time dateTime={story.modifiedAt} title={formatDateTime(story.modifiedAt)}>
                  {formatRelative(story.modifiedAt)}
                </time>
              </td>
              <td>{when(story)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
