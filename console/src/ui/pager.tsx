export const PAGE_SIZE = 50;

interface PagerProps {
  /** Zero-based page index. */
  page: number;
  total: number;
  shown: number;
  onPage: (page: number) => void;
  noun: string;
}

/** "51–100 of 3,214 services" with previous/next; the server pages, the console only ever renders one page. */
export function Pager({ page, total, shown, onPage, noun }: PagerProps) {
  const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = page * PAGE_SIZE + shown;
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted">
        {shown === 0 ? `0 of ${total.toLocaleString()}` : `${first.toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()}`} {noun}
      </span>
      <button type="button" onClick={() => onPage(0)} disabled={page === 0}>
        First
      </button>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page === 0}>
        Previous
      </button>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= lastPage}>
        Next
      </button>
    </nav>
  );
}

/** Reads `?page=` (one-based in the URL, for people) as a zero-based index. */
export function pageFromQuery(query: URLSearchParams): number {
  const n = Number.parseInt(query.get('page') ?? '1', 10);
  return Number.isFinite(n) && n > 1 ? n - 1 : 0;
}
