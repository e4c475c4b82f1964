import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { withApiKey } from "@/lib/http/with-api-key";
import { getEventOrThrow } from "@/lib/events/get-event-or-throw";
import type { PublicEvent } from "@/lib/events/schemas";
import { serializeEvent } from "@/lib/events/serialize-event";

export const dynamic = "force-dynamic";

export type GetEventResponse = PublicEvent;

// GET /api/v1/events/{id} – one event of the key's storefront and mode, from the last 30 days
export const GET = withApiKey<{ id: string }>("events.get", async (_req, { auth, db, params }) => {
  const event = await getEventOrThrow(db, { id: params.id, storefrontId: auth.storefrontId, mode: auth.mode });
  const body: GetEventResponse = serializeEvent(event);
  return Response.json(body);
});

// POST, PUT, PATCH, DELETE /api/v1/events/{id} – not supported
export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
