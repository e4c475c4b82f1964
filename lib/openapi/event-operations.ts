import { z } from "zod";
import type { ApiOperation } from "@/lib/openapi/api-operations";
import { EVENT_RETENTION_DAYS, listEventsQuerySchema } from "@/lib/events/schemas";

/** The events API's entries in the operations table (lib/openapi/api-operations.ts). */
export const EVENT_OPERATIONS: ApiOperation[] = [
  {
    operationId: "listEvents",
    method: "get",
    path: "/api/v1/events",
    summary: "List events, newest first",
    description:
      `Every event of the API key's storefront and mode from the last ${EVENT_RETENTION_DAYS} days, in the envelope its webhook carries ` +
      "(plus `\"object\": \"event\"`), whether or not a webhook endpoint was set up. Use it to catch up after downtime: page back with " +
      "`starting_after` (the last id of the previous page) or forward with `ending_before` (the first id), and skip ids you already handled. " +
      "Test pings sent from the dashboard are not events and are not listed.",
    tag: "Events",
    authenticated: true,
    query: listEventsQuerySchema,
    queryDescriptions: {
      type: "Only events of this type, or of a group: `payment.*`.",
      limit: "Page size, 1 to 100.",
      starting_after: "The id of the last event of the previous page: the next, older page.",
      ending_before: "The id of the first event of the current page: the page of newer events before it. Not with starting_after.",
    },
    success: { 200: { description: "A page of events.", body: "EventList", headers: ["Request-Id"] } },
    errors: ["unauthenticated", "rate_limited", "internal", "validation_failed", "invalid_request"],
  },
  {
    operationId: "getEvent",
    method: "get",
    path: "/api/v1/events/{id}",
    summary: "Retrieve an event",
    description: `An event of another storefront or mode, or older than ${EVENT_RETENTION_DAYS} days, is answered 404 like one that does not exist.`,
    tag: "Events",
    authenticated: true,
    pathParams: z.object({ id: z.string().describe("The event's id, `evt_…` (the webhook's `Malipo-Event-Id`).") }),
    success: { 200: { description: "The event.", body: "Event", headers: ["Request-Id"] } },
    errors: ["unauthenticated", "rate_limited", "internal", "not_found"],
  },
];
