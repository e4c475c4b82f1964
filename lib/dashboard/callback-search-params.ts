import { z } from "zod";
import { listField, normaliseSearchParams, pageField, pageSizeField, textField, toQueryString, DEFAULT_PAGE_SIZE, type RawSearchParams } from "@/lib/dashboard/search-params";

/** The callbacks inbox's state, held in the URL. */
export const CALLBACK_OUTCOMES = ["RECEIVED", "APPLIED", "DUPLICATE", "STALE", "UNMATCHED", "INVALID", "REJECTED"] as const;

export const callbackSearchSchema = z.object({
  outcome: listField(CALLBACK_OUTCOMES),
  q: textField(100),
  page: pageField,
  pageSize: pageSizeField,
});

export type CallbackSearch = z.infer<typeof callbackSearchSchema>;

export function parseCallbackSearch(input: RawSearchParams | URLSearchParams): CallbackSearch {
  return callbackSearchSchema.parse(normaliseSearchParams(input));
}

export function callbackSearchQuery(state: Partial<CallbackSearch>): string {
  return toQueryString({ ...state }, { page: 1, pageSize: DEFAULT_PAGE_SIZE });
}
