import { postStkCallback } from "@/lib/callbacks/stk-callback-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

// POST /api/callbacks/stk/{token} – store a Daraja STK callback and queue it; processing is the worker's
export const POST = postStkCallback;

// GET, PUT, PATCH, DELETE /api/callbacks/stk/{token} – Daraja only ever POSTs
export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
