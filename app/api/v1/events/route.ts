import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { parseInput } from "@/lib/http/parse-input";
import { withApiKey } from "@/lib/http/with-api-key";
import { findEvents } from "@/lib/events/find-events";
import { listEventsQuerySchema, type EventList } from "@/lib/events/schemas";
import { serializeEvent } from "@/lib/events/serialize-event";

export const dynamic = "force-dynamic";

export type ListEventsResponse = EventList;

// GET /api/v1/events – the storefront's events of the last 30 days, newest first, by type, paginated both ways
export const GET = withApiKey("events.list", async (_req, { auth, db, searchParams }) => {
  const query = parseInput(listEventsQuerySchema, searchParams);
  const page = await findEvents(db, { ...query, storefrontId: auth.storefrontId, mode: auth.mode });
  const body: ListEventsResponse = { object: "list", data: page.data.map(serializeEvent), has_more: page.hasMore };
  return Response.json(body);
});

// POST, PUT, PATCH, DELETE /api/v1/events – events are written by Malipo only
export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
