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
 * column; wide tables scroll sideways inside their frame on small screens.
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
      <table className={`min-w-full divide-y divide-slate-200 text-sm ${busy ? "opacity-60" : ""}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th key={header.id} scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className="whitespace-nowrap px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
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
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50" data-testid="table-row">
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className="whitespace-nowrap px-3 py-2 align-top text-slate-800">
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
