import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import type { ChargeOutcome, ChargeRequest } from "@/lib/payments/charge";
import type { ObservationEvidence } from "@/lib/payments/observation";
import type { QueryAnswer } from "@/lib/payments/record-query-answer";
import { normalizeKenyanPhone } from "@/lib/phone/kenyan-phone";
import { callbackUrlFor, createCallbackSafePaymentId } from "@/lib/rails/callback-token";
import type { Rail, RailCallback } from "@/lib/rails/rail";
import { parseStkCallback } from "./callback";
import type { DarajaClient } from "./client";
import { darajaClientForMode } from "./client-for-mode";
import { describeResultCode } from "./result-codes";
import { stkCallbackObservation } from "./stk-callback-observation";
import { stkQueryAnswer } from "./stk-query-answer";

export interface DarajaStkRailSettings {
  /** Where Daraja reaches Malipo; each payment's callback URL is built under it. */
  publicUrl: string;
  /** Signs each payment's callback URL token. */
  callbackSecret: string;
}

/**
 * M-Pesa Kenya by STK Push ("Lipa na M-Pesa Online") as a rail, over one Daraja client: the push
 * with a signed per-payment callback URL, the STK query, callbacks read into observations, result
 * codes by code (FACTS.md §4). Amounts are whole shillings; phones 2547…/2541… (FACTS.md §2).
 */
export function darajaStkRail(client: DarajaClient, settings: DarajaStkRailSettings): Rail {
  const callbackUrl = (paymentId: string, mode: Mode) => callbackUrlFor(settings.publicUrl, paymentId, settings.callbackSecret, mode);
  return {
    kind: "daraja_stk",
    currency: "KES",
    newPaymentId: (mode) => createCallbackSafePaymentId(settings.callbackSecret, mode),
    callbackUrl,
    async startCharge(request: ChargeRequest): Promise<ChargeOutcome> {
      const push = await client.stkPush({
        amount: request.amount, phone: request.phone, accountReference: request.reference, description: request.description,
        callbackUrl: callbackUrl(request.paymentId, request.mode),
      });
      return push.kind === "unknown" ? { kind: "unknown", reason: push.reason } : push;
    },
    // The CheckoutRequestID comes only with the push's answer.
    statusReferenceFor: () => null,
    askStatus: async (checkoutRequestId: string): Promise<QueryAnswer> => stkQueryAnswer(await client.stkQuery(checkoutRequestId)),
    readCallback(body: unknown, evidence: ObservationEvidence): RailCallback {
      const parsed = parseStkCallback(body);
      if (!parsed.ok) return parsed;
      const callback = parsed.callback;
      if (callback.classification.outcome === "pending") return { ok: false, reason: `result ${callback.resultCode} is not a final result` };
      const observation = stkCallbackObservation(callback, { evidence });
      return { ok: true, observation, match: { checkoutRequestId: callback.checkoutRequestId, merchantRequestId: callback.merchantRequestId } };
    },
    describeResultCode,
    normalisePhone(input) {
      const phone = normalizeKenyanPhone(input);
      return phone.ok ? phone.phone : null;
    },
  };
}

/** The registry's factory (lib/rails/rail.ts): the mode's Daraja settings, or null when it has none. */
export function darajaStkRailFor(env: Env, mode: Mode): Rail | null {
  if (!(mode === "LIVE" ? env.daraja.live : env.daraja.test)) return null;
  return darajaStkRail(darajaClientForMode(env, mode), { publicUrl: env.publicUrl, callbackSecret: env.secrets.callback });
}
