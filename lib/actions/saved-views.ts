"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { getDb } from "@/lib/db/client";
import { deleteView } from "@/lib/saved-views/delete-view";
import { saveView } from "@/lib/saved-views/save-view";
import { canonicalViewQuery } from "@/lib/saved-views/saved-view-query";
import { deleteViewSchema, saveViewSchema } from "@/lib/saved-views/schemas";

// Saved views are the user's own: any signed-in finance or admin user keeps theirs; nobody sees another's.
export const saveViewAction = createAction({ name: "saved_views.save", schema: saveViewSchema, auth: "user" }, async (input, { user }) => {
  const { query, datePreset } = canonicalViewQuery(input.query, { relativeDates: input.relativeDates, now: new Date() });
  const { replaced } = await saveView(getDb(), { userId: user.id, page: "payments", name: input.name, query, datePreset });
  revalidatePath("/payments");
  return { status: "success", message: replaced ? `Updated the view “${input.name}”.` : `Saved the view “${input.name}”.` };
});

export const deleteViewAction = createAction({ name: "saved_views.delete", schema: deleteViewSchema, auth: "user" }, async (input, { user }) => {
  const { name } = await deleteView(getDb(), { userId: user.id, viewId: input.viewId });
  revalidatePath("/payments");
  return { status: "success", message: `Deleted the view “${name}”.` };
});
