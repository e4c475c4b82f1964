import { answerC2bValidation } from "@/lib/c2b/answer-c2b-validation";
import { callbackRoute } from "@/lib/callbacks/callback-route";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { withPublic } from "@/lib/http/with-public";
import { C2B_CONFIRMATION_ACK } from "@/lib/rails/daraja/c2b/validation-response";

/**
 * POST /api/callbacks/c2b/{token}/confirmation: a customer paid the account's paybill or till.
 * Stored first and acknowledged at once, like STK callbacks (the same route core); the worker
 * settles a matching payment or keeps an unattached receipt.
 */
export const postC2bConfirmation = callbackRoute("callbacks.c2b_confirmation", "C2B_CONFIRMATION", C2B_CONFIRMATION_ACK);

/** POST /api/callbacks/c2b/{token}/validation: accept or reject a C2B payment before it happens. */
export const postC2bValidation = withPublic<{ token: string }>("callbacks.c2b_validation", async (req, { params }) => {
  const verdict = await answerC2bValidation(getDb(), { req, token: params.token, env: getEnv() });
  switch (verdict.kind) {
    case "answered":
      return Response.json(verdict.answer);
    case "address_rejected":
      throw new AppError("forbidden", "This address may not send callbacks");
    case "token_rejected":
      throw new AppError("not_found", "No such callback URL");
    case "unreadable":
      throw new AppError("invalid_request", `Not a C2B validation request: ${verdict.reason}`);
  }
});
