import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/**
 * A card listing the first items of a longer list: its title with the exact total, each item a
 * row, a word when there is none, and "Showing the first n of m" when the list was capped.
 */
export function CappedListCard<T extends { id: string | number }>({ id, testId, title, list, empty, row }: {
  id: string;
  /** The list's data-testid (browser tests find its rows by it). */
  testId?: string;
  title: string;
  list: { items: T[]; total: number };
  empty: string;
  row: (item: T) => ReactNode;
}) {
  return (
    <Card title={`${title} (${list.total})`} id={id}>
      {list.items.length === 0 ? <p className="text-sm text-slate-600">{empty}</p> : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
          {list.items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">{row(item)}</li>
          ))}
        </ul>
      )}
      {list.total > list.items.length ? <p className="mt-2 text-sm text-slate-600">Showing the first {list.items.length} of {list.total}.</p> : null}
    </Card>
  );
}
