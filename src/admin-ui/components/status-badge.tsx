import type { Status } from '../api/types.js';

export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draft',
  submitted: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge badge-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}
