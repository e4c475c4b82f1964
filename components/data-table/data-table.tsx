"use client";

import { useTable, type ColumnDef, type SortingState, type Updater } from "@tanstack/react-table";
import { useMemo } from "react";
import { dataTableFeatures, type DataTableFeatures } from "@/components/data-table/features";

export interface DataTableSort {
  id: string;
  desc: boolean;
}

interface DataTableProps<TData extends object> {
  // Columns hold values of different types; tanstack's own `helper.columns` returns them as `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<DataTableFeatures, TData, any>[];
  data: TData[];
  getRowId: (row: TData) => string;
  sort: DataTableSort;
  /** Called with the new sort when a sortable header is activated. */
  onSortChange: (sort: DataTableSort) => void;
  caption: string;
  busy?: boolean;
  testId?: string;
}

/**
 * A server-driven table: the rows are the page the server already filtered, sorted and sliced. A
 * sortable header is a real button (keyboard and screen-reader friendly) with aria-sort on its
 * column. On a phone each row becomes a card of labelled lines (the label is the column's header),
 * and the sortable headers a row of buttons above them; the roles keep it a table for screen
 * readers, which drop table semantics when CSS changes how the cells are laid out.
 */
export function DataTable<TData extends object>({ columns, data, getRowId, sort, onSortChange, caption, busy, testId }: DataTableProps<TData>) {
  const sorting = useMemo<SortingState>(() => [sort], [sort]);
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSortChange({ id: first.id, desc: first.desc });
    },
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
  });

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" aria-busy={busy || undefined}>
      <table role="table" className={`min-w-full divide-y divide-slate-200 text-sm max-sm:block ${busy ? "opacity-60" : ""}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead role="rowgroup" className="bg-slate-50 max-sm:block">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} role="row" className="max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-1 max-sm:px-1">
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th key={header.id} scope="col" role="columnheader" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className={`whitespace-nowrap px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 max-sm:px-2 ${canSort ? "max-sm:block" : "max-sm:sr-only"}`}>
                    {header.isPlaceholder ? null : canSort ? (
                      <button type="button" onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 rounded uppercase hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600">
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody role="rowgroup" className="divide-y divide-slate-100 max-sm:block">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} role="row" className="hover:bg-slate-50 max-sm:block max-sm:px-3 max-sm:py-2" data-testid="table-row">
              {row.getAllCells().map((cell) => (
                <td key={cell.id} role="cell" data-label={headerText(cell.column.columnDef.header, cell.column.id)}
                  className="whitespace-nowrap px-3 py-2 align-top text-slate-800 max-sm:flex max-sm:items-start max-sm:justify-between max-sm:gap-3 max-sm:whitespace-normal max-sm:break-all max-sm:px-0 max-sm:py-1 max-sm:text-right max-sm:before:shrink-0 max-sm:before:break-normal max-sm:before:text-left max-sm:before:text-xs max-sm:before:font-medium max-sm:before:uppercase max-sm:before:tracking-wide max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]">
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A column's header as text (the label of its line on a phone); a header drawn by a function falls back to the id. */
function headerText(header: unknown, id: string): string {
  return typeof header === "string" ? header : id;
}
