import { PaginationError } from '@catalog/provider-contract';

export interface Page<TItem> {
  readonly items: readonly TItem[];
  /** The cursor, page token, offset or URL of the next page; undefined on the last page. */
  readonly next?: string | number | undefined;
}

export interface CollectPagesOptions<TItem> {
  provider: string;
  /** Shown in errors (the list's URL). */
  url: string;
  /** Fetches one page; `cursor` is undefined for the first. */
  fetchPage: (cursor: string | number | undefined, pageIndex: number) => Promise<Page<TItem>>;
  /** Stop with a PaginationError past this many pages (default 500). */
  maxPages?: number;
}

/**
 * Follows any cursor-style pagination (cursor, page token, page number, offset, Link URL) to
 * the end and returns all items. A repeated cursor or too many pages is a PaginationError,
 * never an endless loop.
 */
export async function collectPages<TItem>(options: CollectPagesOptions<TItem>): Promise<TItem[]> {
  const maxPages = options.maxPages ?? 500;
  const items: TItem[] = [];
  const seen = new Set<string>();
  let cursor: string | number | undefined;
  for (let pageIndex = 0; ; pageIndex++) {
    if (pageIndex >= maxPages) {
      throw new PaginationError({
        provider: options.provider,
        url: options.url,
        reason: `more than ${maxPages} pages`,
      });
    }
    const page = await options.fetchPage(cursor, pageIndex);
    items.push(...page.items);
    if (page.next === undefined || page.next === '' || page.items.length === 0) return items;
    const key = String(page.next);
    if (seen.has(key)) {
      throw new PaginationError({
        provider: options.provider,
        url: options.url,
        reason: `the cursor "${key}" repeated`,
      });
    }
    seen.add(key);
    cursor = page.next;
  }
}
