export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  label?: string;
  /** There are more than `total` (the server stopped counting): "of 2,000+", and no last page is known. */
  moreThanTotal?: boolean;
}

export function Pagination({ page, pageSize, total, onPage, label = 'Pages', moreThanTotal = false }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const of = `${total.toLocaleString()}${moreThanTotal ? '+' : ''}`;
  return (
    <nav className="pagination" aria-label={label}>
      <span className="pagination-summary">
        {total === 0 ? 'No results' : `${first.toLocaleString()}–${last.toLocaleString()} of ${of}`}
      </span>
      <button type="button" className="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Previous page
      </button>
      <span aria-current="page">
        Page {page} of {pages}
        {moreThanTotal ? '+' : ''}
      </span>
      <button type="button" className="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        Next page
      </button>
    </nav>
  );
}
