import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { MAX_SAVED_VIEWS, type SavedViewPage } from "@/lib/saved-views/schemas";

export interface SaveViewOptions {
  userId: string;
  page: SavedViewPage;
  name: string;
  /** Canonical (saved-view-query.ts). */
  query: string;
  datePreset: string | null;
}

/**
 * Saves a user's view under a name; a view of the same name (whatever its capitals) is replaced,
 * which is how a view is updated. Answers whether it replaced one, for the message.
 */
export async function saveView(db: Db, options: SaveViewOptions): Promise<{ id: string; replaced: boolean }> {
  const { userId, page, name, query, datePreset } = options;
  const existing = await db.savedView.findFirst({ where: { userId, page, name: { equals: name, mode: "insensitive" } }, select: { id: true } });
  if (existing) {
    await db.savedView.update({ where: { id: existing.id }, data: { name, query, datePreset } });
    return { id: existing.id, replaced: true };
  }
  if ((await db.savedView.count({ where: { userId, page } })) >= MAX_SAVED_VIEWS) {
    throw new AppError("conflict", `You have ${MAX_SAVED_VIEWS} saved views already: delete one first.`);
  }
  const view = await db.savedView.create({ data: { id: createId("sv"), userId, page, name, query, datePreset }, select: { id: true } });
  return { id: view.id, replaced: false };
}
