import { z } from "zod";

/** Inputs of the saved-view actions; forms import these too (no "use server" here). */

export const SAVED_VIEW_PAGES = ["payments"] as const;
export type SavedViewPage = (typeof SAVED_VIEW_PAGES)[number];

/** Enough for every table a person keeps; past it, the list is no longer a shortcut. */
export const MAX_SAVED_VIEWS = 30;

export const saveViewSchema = z.object({
  name: z.string().trim().min(1, "Give the view a name").max(60, "Use at most 60 characters"),
  /** The table's query string as the page wrote it; parsed again and made canonical on the server. */
  query: z.string().max(2000).default(""),
  /** Present (a checked box) when the chosen date preset should move with the calendar. */
  relativeDates: z.literal("on").optional().transform((v) => v === "on"),
});

export const deleteViewSchema = z.object({
  viewId: z.string().regex(/^sv_[0-9A-Za-z]{8,64}$/, "Unknown view"),
});
