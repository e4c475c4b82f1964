/** One page of a read model, as the dashboard's tables show it. */
export interface Paginated<T> {
  data: T[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  /** The count stopped at a cap: there are at least `total` rows (the table says "more than"). */
  totalIsLowerBound?: boolean;
}

export function paginated<T>(data: T[], total: number, page: number, pageSize: number): Paginated<T> {
  return { data, total, page, pageSize, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
}
