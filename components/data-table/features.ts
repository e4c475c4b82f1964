import { rowSortingFeature, tableFeatures } from "@tanstack/react-table";

/**
 * The features every dashboard table registers: sorting state only. Filtering, sorting and paging
 * happen in the database; the table renders the page it is given (manualSorting) and reports
 * header clicks, which the page turns into a new URL.
 */
export const dataTableFeatures = tableFeatures({ rowSortingFeature });
export type DataTableFeatures = typeof dataTableFeatures;
