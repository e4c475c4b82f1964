import { postC2bConfirmation } from "@/lib/c2b/c2b-routes";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

// POST /api/callbacks/c2b/{token}/confirmation – store a C2B confirmation and queue it; processing is the worker's
export const POST = postC2bConfirmation;

// GET, PUT, PATCH, DELETE /api/callbacks/c2b/{token}/confirmation – Daraja only ever POSTs
export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
