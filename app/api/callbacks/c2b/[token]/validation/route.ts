import { postC2bValidation } from "@/lib/c2b/c2b-routes";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

// POST /api/callbacks/c2b/{token}/validation – accept or reject a C2B payment by the storefront's rule
export const POST = postC2bValidation;

// GET, PUT, PATCH, DELETE /api/callbacks/c2b/{token}/validation – Daraja only ever POSTs
export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
