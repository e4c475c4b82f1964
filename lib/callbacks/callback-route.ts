import { receiveCallback } from "@/lib/callbacks/receive-callback";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CallbackKind } from "@/lib/generated/prisma/client";
import { withPublic } from "@/lib/http/with-public";
import { startCallbackClock } from "@/lib/metrics/count-callback";

/**
 * A Daraja notification endpoint (POST …/{token}): store the request and queue it, spooled locally
 * while PostgreSQL is unreachable, and answer at once with `ack` in the shape Daraja expects for that
 * notification (a fixed body, or one built from the request's, for providers whose acknowledgement
 * echoes it); processing is the worker's. Refusals answer 403 / 404 / 413 without a body Daraja reads.
 */
export function callbackRoute(name: string, kind: CallbackKind, ack: Readonly<Record<string, unknown>> | ((body: string) => Readonly<Record<string, unknown>>)) {
  return withPublic<{ token: string }>(name, async (req, { params }) => {
    const counted = startCallbackClock();
    const verdict = await receiveCallback(getDb(), { kind, req, token: params.token, env: getEnv() }).catch((error: unknown) => {
      counted("error");
      throw error;
    });
    counted(verdict.kind);
    switch (verdict.kind) {
      case "accepted":
      case "spooled":
        return Response.json(typeof ack === "function" ? ack(verdict.body ?? "") : ack);
      case "address_rejected":
        throw new AppError("forbidden", "This address may not send callbacks");
      case "token_rejected":
        throw new AppError("not_found", "No such callback URL");
      case "too_large":
        throw new AppError("payload_too_large", "The callback body is too large");
    }
  });
}
