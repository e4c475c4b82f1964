import Link from "next/link";
import { groupThousands } from "@/lib/dashboard/format-money";

interface PaginationProps {
  page: number;
  totalPages: number;
  total: number;
  pageSize: number;
  pageHref: (page: number) => string;
  /** What is counted: "payments", "callbacks". */
  noun: string;
  /** The total is a lower bound (the count stopped at a cap). */
  totalIsLowerBound?: boolean;
  /**
   * Keyset paging: the neighbours' links as the query found them (null: none that way), instead
   * of page numbers; `pageHref(1)` is still the first page.
   */
  links?: { previous: string | null; next: string | null };
}

/** Page links (not buttons): each page has a URL, so it can be shared and the back button works. */
export function Pagination({ page, totalPages, total, pageSize, pageHref, noun, totalIsLowerBound = false, links }: PaginationProps) {
  const previous = links ? links.previous : page > 1 ? pageHref(page - 1) : null;
  const next = links ? links.next : page < totalPages ? pageHref(page + 1) : null;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const item = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600";
  const disabled = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-500";
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-col items-center justify-between gap-3 sm:flex-row">
      <p className="text-sm text-slate-700" data-testid="pagination-summary">
        {total === 0 ? `No ${noun}` : `${groupThousands(first)}–${groupThousands(last)} of ${totalIsLowerBound ? "more than " : ""}${groupThousands(totalIsLowerBound ? total - 1 : total)} ${noun}`}
      </p>
      <div className="flex items-center gap-2">
        {previous ? <Link className={item} href={pageHref(1)}>First</Link> : <span className={disabled}>First</span>}
        {previous ? <Link className={item} href={previous} rel="prev">Previous</Link> : <span className={disabled}>Previous</span>}
        <span className="px-2 text-sm text-slate-700">{totalIsLowerBound ? `Page ${page}` : `Page ${page} of ${totalPages}`}</span>
        {next ? <Link className={item} href={next} rel="next">Next</Link> : <span className={disabled}>Next</span>}
      </div>
    </nav>
  );
}
