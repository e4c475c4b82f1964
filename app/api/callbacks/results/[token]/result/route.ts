import { postInitiatorResult } from "@/lib/initiator-requests/initiator-result-routes";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

// POST /api/callbacks/results/{token}/result – store a Transaction Status result notice and queue it; processing is the worker's
export const POST = postInitiatorResult;

// GET, PUT, PATCH, DELETE /api/callbacks/results/{token}/result – Daraja only ever POSTs
export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
