import type { ReactNode } from 'react';
import type { ArticleSummary } from '../api/types.js';
import { formatDateTime, formatRelative } from '../lib/format.js';
import { Link } from '../router/link.js';
import { DataTable, type Column } from './data-table.js';
import { StatusBadge } from './status-badge.js';

function when(story: ArticleSummary) {
  if (story.status === 'scheduled' && story.scheduledAt) return `Scheduled ${formatDateTime(story.scheduledAt)}`;
  if (story.publishedAt) return formatDateTime(story.publishedAt);
  return '—';
}

const COLUMNS: Column<ArticleSummary>[] = [
  {
    header: 'Headline',
    rowHeader: true,
    className: 'cell-headline',
    cell: (story) => <Link href={`/admin/stories/${encodeURIComponent(story.id)}`}>{story.headline || 'Untitled story'}</Link>,
  },
  { header: 'Status', cell: (story) => <StatusBadge status={story.status} /> },
  { header: 'Section', cell: (story) => story.section?.name ?? '—' },
  { header: 'Authors', cell: (story) => story.authors.map((a) => a.name).join(', ') || '—' },
  {
    header: 'Modified',
    cell: (story) => (
      <time dateTime={story.modifiedAt} title={formatDateTime(story.modifiedAt)}>
        {formatRelative(story.modifiedAt)}
      </time>
    ),
  },
  { header: 'Published', cell: when },
];

/** Stories as a table: headline links to the editor. The screen loads them and says what an empty list means. */
export function StoryTable({ stories, caption, empty }: { stories: ArticleSummary[]; caption: string; empty: ReactNode }) {
  return <DataTable caption={caption} rows={stories} rowKey={(story) => story.id} rowName={(story) => story.headline || 'Untitled story'} columns={COLUMNS} empty={empty} />;
}
