import { postVodacomResult } from "@/lib/callbacks/vodacom-result-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

// POST /api/callbacks/vodacom/{token} – store Vodacom's asynchronous push result and queue it; processing is the worker's
export const POST = postVodacomResult;

// GET, PUT, PATCH, DELETE /api/callbacks/vodacom/{token} – Vodacom only ever POSTs
export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
