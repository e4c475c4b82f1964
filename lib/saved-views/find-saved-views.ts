import type { Db } from "@/lib/db/client";
import { savedViewHref } from "@/lib/saved-views/saved-view-query";
import type { SavedViewPage } from "@/lib/saved-views/schemas";
import { DATE_PRESET_LABELS, isDatePreset } from "@/lib/time/date-presets";

export interface SavedViewLink {
  id: string;
  name: string;
  /** Where it opens now: a relative view's dates are today's. */
  href: string;
  /** "This week" for a view whose dates move with the calendar. */
  datesLabel: string | null;
}

/** A user's saved views of one table, by name, with the links they open at `now`. */
export async function findSavedViews(db: Db, { userId, page, now }: { userId: string; page: SavedViewPage; now: Date }): Promise<SavedViewLink[]> {
  const views = await db.savedView.findMany({ where: { userId, page }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return views.map((v) => ({
    id: v.id,
    name: v.name,
    href: savedViewHref(v, now),
    datesLabel: isDatePreset(v.datePreset) ? DATE_PRESET_LABELS[v.datePreset] : null,
  }));
}
