import { postInitiatorTimeout } from "@/lib/initiator-requests/initiator-result-routes";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

// POST /api/callbacks/results/{token}/timeout – store a Transaction Status timeout notice and queue it; processing is the worker's
export const POST = postInitiatorTimeout;

// GET, PUT, PATCH, DELETE /api/callbacks/results/{token}/timeout – Daraja only ever POSTs
export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
