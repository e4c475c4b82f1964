import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Deletes one of the user's own views; another user's view is simply not found. */
export async function deleteView(db: Db, { userId, viewId }: { userId: string; viewId: string }): Promise<{ name: string }> {
  const view = await db.savedView.findFirst({ where: { id: viewId, userId }, select: { name: true } });
  const { count } = await db.savedView.deleteMany({ where: { id: viewId, userId } });
  if (!view || count === 0) throw new AppError("not_found", "That view does not exist (any more).");
  return view;
}
