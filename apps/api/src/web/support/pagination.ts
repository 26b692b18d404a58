/** Parameters for govukPagination, and the "Showing 26 to 50 of 240" line, for server-side paging. */
export interface PaginationView {
  summary: string;
  params: {
    previous?: { href: string };
    next?: { href: string };
    items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
  } | null;
}

/**
 * `totalAtLeast`: the list was counted only so far (see `Counting` in common/page.ts), so the
 * summary says "more than" and asks for a filter, and the pages go as far as the count went.
 */
export function pagination(page: number, pageSize: number, total: number, hrefFor: (page: number) => string, noun = 'results', totalAtLeast = false): PaginationView {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const of = totalAtLeast ? `more than ${total.toLocaleString('en-GB')} ${noun}: use the filters to narrow the list` : `${total.toLocaleString('en-GB')} ${noun}`;
  const summary = total === 0 ? `No ${noun}` : `Showing ${from.toLocaleString('en-GB')} to ${to.toLocaleString('en-GB')} of ${of}`;
  if (pages <= 1) return { summary, params: null };
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: NonNullable<PaginationView['params']>['items'] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === page });
  });
  return {
    summary,
    params: {
      previous: page > 1 ? { href: hrefFor(page - 1) } : undefined,
      next: page < pages ? { href: hrefFor(page + 1) } : undefined,
      items,
    },
  };
}

/** A query string from defined values (for links that keep the current filters). */
export function queryString(values: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
