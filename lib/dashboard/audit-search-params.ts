import { z } from "zod";
import {
  dateField, normaliseSearchParams, pageField, pageSizeField, textField, toQueryString, DEFAULT_PAGE_SIZE, type RawSearchParams,
} from "@/lib/dashboard/search-params";

/** The audit log's filters, held in the URL. */
export const auditSearchSchema = z.object({
  action: textField(64),
  entityType: textField(32),
  entityId: textField(64),
  actor: textField(320),
  from: dateField,
  to: dateField,
  page: pageField,
  pageSize: pageSizeField,
});

export type AuditSearch = z.infer<typeof auditSearchSchema>;

export function parseAuditSearch(input: RawSearchParams | URLSearchParams): AuditSearch {
  return auditSearchSchema.parse(normaliseSearchParams(input));
}

export function auditSearchQuery(state: Partial<AuditSearch>): string {
  return toQueryString({ ...state }, { page: 1, pageSize: DEFAULT_PAGE_SIZE });
}
