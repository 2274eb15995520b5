// The gap list's CSV export, assembled in the browser from pages of `project/list-gaps`: the CLI's columns and
// escaping (src/contract/csv.ts), so a file from the page and one from `role-split audit --format csv` read
// the same in a spreadsheet.
import type { GapFilter, GapRowView, Page } from '../../../src/contract/alignment';
import { CSV_HEADER, csvRow } from '../../../src/contract/csv';

/**
 * Rows per `project/list-gaps` call while exporting: the contract's MAX_PAGE_SIZE, written out because a value
 * import from the contract would bring zod into the page's bundle (a unit test keeps the two equal).
 */
export const EXPORT_PAGE_SIZE = 100;

/** One row per gap, in the CLI's column order. */
export function gapCsvLine(projectKey: string, gap: GapRowView): string {
  return csvRow([
    projectKey,
    gap.code,
    gap.severity,
    gap.issueKey,
    gap.issueType,
    gap.summary,
    gap.epic?.key ?? '',
    gap.owner?.accountId ?? '',
    gap.owner?.displayName ?? '',
  ]);
}

export function gapCsv(projectKey: string, gaps: readonly GapRowView[]): string {
  return csvRow(CSV_HEADER) + gaps.map((gap) => gapCsvLine(projectKey, gap)).join('');
}

/**
 * Excel opens a CSV as the machine's legacy code page unless it starts with a byte-order mark; the mark is
 * only in the downloaded file, so the text itself stays exactly the CLI's.
 */
export const UTF8_BOM = '\uFEFF';

/** "role-split-gaps-SHOP-2026-11-30.csv": the project and the day, in the viewer's time zone. */
export function csvFileName(projectKey: string, now: Date, timeZone?: string): string {
  // en-CA formats a date as YYYY-MM-DD; only the digits are used, so the locale never shows.
  const day = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).format(now);
  const safeKey = projectKey.replace(/[^A-Za-z0-9_-]/g, '');
  return `role-split-gaps-${safeKey}-${day}.csv`;
}

export type FetchGapPage = (
  filter: GapFilter,
  cursor: string | undefined,
) => Promise<{ ok: true; data: Page<GapRowView> } | { ok: false; error: unknown }>;

export type ExportOutcome =
  | { status: 'done'; gaps: GapRowView[] }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown; fetched: number };

const CANCELLED = Symbol('cancelled');

/** Settles when `signal` aborts, so a request that never answers cannot hold a cancel back. */
function whenAborted(signal: AbortSignal | undefined): Promise<typeof CANCELLED> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve(CANCELLED);
    signal.addEventListener('abort', () => resolve(CANCELLED), { once: true });
  });
}

/**
 * Follows the cursor until the last page, reporting how many rows have come so far. Cancelling (`signal`)
 * ends it at once: a request already sent is left to finish and its answer dropped.
 */
export async function fetchAllGaps(
  fetchPage: FetchGapPage,
  filter: GapFilter,
  options: { signal?: AbortSignal; onProgress?: (fetched: number) => void } = {},
): Promise<ExportOutcome> {
  const gaps: GapRowView[] = [];
  let cursor: string | undefined;
  const aborted = whenAborted(options.signal);
  for (;;) {
    if (options.signal?.aborted) return { status: 'cancelled' };
    const answer = await Promise.race([fetchPage(filter, cursor), aborted]);
    if (answer === CANCELLED || options.signal?.aborted) return { status: 'cancelled' };
    if (!answer.ok) return { status: 'failed', error: answer.error, fetched: gaps.length };
    gaps.push(...answer.data.items);
    options.onProgress?.(gaps.length);
    if (answer.data.nextCursor === null) return { status: 'done', gaps };
    cursor = answer.data.nextCursor;
  }
}
