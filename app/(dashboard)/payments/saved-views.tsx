"use client";

import Link from "next/link";
import { useActionState } from "react";
import { ActionResult } from "@/components/ui/action-result";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { deleteViewAction, saveViewAction } from "@/lib/actions/saved-views";
import type { SavedViewLink } from "@/lib/saved-views/find-saved-views";

interface SavedViewsProps {
  views: SavedViewLink[];
  /** The table's state as a query string ("?status=FAILED"), which a new view saves. */
  currentQuery: string;
  /** The label of the date preset the current dates equal, if any ("This week"). */
  currentPreset: string | null;
}

/**
 * The user's own named views of the table: one click opens one, × deletes it, and the current
 * filters are saved under a name (the same name replaces a view). A view saved on a date preset
 * can keep its dates relative, so "Failed this week" is this week's whenever it is opened.
 */
export function SavedViews({ views, currentQuery, currentPreset }: SavedViewsProps) {
  const [saved, saveAction, saving] = useActionState<ActionState, FormData>(saveViewAction, IDLE);
  const [deleted, deleteAction, deleting] = useActionState<ActionState, FormData>(deleteViewAction, IDLE);
  const current = `/payments${currentQuery}`;
  return (
    <section aria-labelledby="saved-views-title" className="mb-4 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="saved-views">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="saved-views-title" className="mr-1 text-sm font-semibold text-slate-700">Saved views</h2>
        {views.length === 0 ? <p className="text-sm text-slate-600">None yet: filter the table, then save it here under a name.</p> : null}
        <ul className="flex flex-wrap gap-2">
          {views.map((v) => {
            const active = v.href === current;
            return (
              <li key={v.id} data-testid="saved-view" className={`inline-flex items-center rounded-full border text-sm ${active ? "border-emerald-700 bg-emerald-50" : "border-slate-300 bg-white"}`}>
                <Link href={v.href} aria-current={active ? "true" : undefined} className="rounded-l-full py-1 pl-3 pr-1 font-medium text-slate-800 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600">
                  {v.name}{v.datesLabel ? <span className="font-normal text-slate-600"> · {v.datesLabel}</span> : null}
                </Link>
                <form action={deleteAction}>
                  <input type="hidden" name="viewId" value={v.id} />
                  <button type="submit" disabled={deleting} aria-label={`Delete view ${v.name}`} title={`Delete view ${v.name}`}
                    className="rounded-r-full px-2 py-1 text-slate-500 hover:bg-red-50 hover:text-red-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-600">
                    <span aria-hidden="true">×</span>
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      </div>
      <form action={saveAction} className="mt-3 flex flex-wrap items-end gap-2" data-testid="save-view-form">
        <input type="hidden" name="query" value={currentQuery} />
        <div className="min-w-0 grow sm:max-w-xs">
          <label htmlFor="view-name" className="sr-only">View name</label>
          <input id="view-name" name="name" required maxLength={60} placeholder="Name this view, e.g. Failed this week" className={inputClass} />
        </div>
        {currentPreset ? (
          <label className="inline-flex items-center gap-1.5 py-2 text-sm">
            <input type="checkbox" name="relativeDates" defaultChecked className="h-4 w-4 accent-emerald-700" />
            Keep the dates relative ({currentPreset.toLowerCase()})
          </label>
        ) : null}
        <button type="submit" className={buttonClass.secondary} disabled={saving} data-testid="save-view">{saving ? "Saving…" : "Save view"}</button>
      </form>
      <div className="mt-2 empty:hidden" data-testid="saved-views-result">
        {saved.status !== "idle" ? <ActionResult state={saved} /> : null}
        {deleted.status !== "idle" ? <ActionResult state={deleted} /> : null}
      </div>
    </section>
  );
}
