import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import type { ChargeOutcome, ChargeRequest } from "@/lib/payments/charge";
import type { QueryAnswer } from "@/lib/payments/record-query-answer";
import { createCallbackSafePaymentId } from "@/lib/rails/callback-token";
import type { Rail } from "@/lib/rails/rail";
import { readVodacomPostedResult } from "./result-ack";
import { createVodacomResultToken } from "./result-token";
import { vodacomClientForSettings, vodacomSettingsForMode, type VodacomClientSource } from "./client-for-mode";
import type { VodacomClient } from "./client";
import { pushConversationId } from "./conversation-id";
import { VodacomError } from "./errors";
import { VODACOM_MARKETS, type VodacomEnvironment, type VodacomMarketCode } from "./markets";
import { normalizeMarketPhone, SANDBOX_MSISDN } from "./phone";
import { chargeOutcomeOf, describeVodacomCode, statusQueryAnswer } from "./rail-answers";

export interface VodacomC2bRailSettings {
  market: VodacomMarketCode;
  /** `sandbox` takes the sandbox's magic customer numbers (000000000001…) as well as real ones. */
  environment: VodacomEnvironment;
  /** Where Vodacom reaches Malipo; the asynchronous form's result URL is under it. */
  publicUrl: string;
  /** Makes payment ids the same way as every rail's. */
  callbackSecret: string;
}

/**
 * Vodacom's M-Pesa OpenAPI C2B single stage as a rail (M-Pesa Tanzania by default), over one
 * Vodacom client (README.md, FACTS.md). A payment id is its one attempt: the push's
 * ThirdPartyConversationID is derived from it, so the status query can always find the push, even
 * when the push's own answer was lost. Amounts are integers in the market's minor unit (whole
 * shillings for TZS); phones `255…`.
 */
export function vodacomC2bRail(client: VodacomClientSource, settings: VodacomC2bRailSettings): Rail {
  const market = VODACOM_MARKETS[settings.market];
  return {
    kind: "vodacom_c2b",
    currency: market.currency,
    newPaymentId: (mode) => createCallbackSafePaymentId(settings.callbackSecret, mode),
    callbackUrl: (_paymentId: string, mode: Mode) => vodacomResultUrl(settings.publicUrl, settings.callbackSecret, mode),
    statusReferenceFor: (paymentId: string) => pushConversationId(paymentId),
    async startCharge(request: ChargeRequest): Promise<ChargeOutcome> {
      const ready = await withClient(client);
      if (!ready.ok) return ready.error.kind === "configuration" ? { kind: "rejected", error: ready.error } : { kind: "retryable", error: ready.error };
      const result = await ready.client.c2bPayment({
        attemptId: request.paymentId, amount: request.amount, phone: request.phone, reference: request.reference,
        // Vodacom wants a description of what is bought; the reference stands in when there is none.
        description: request.description ?? request.reference,
      });
      return chargeOutcomeOf(result);
    },
    async askStatus(reference: string): Promise<QueryAnswer> {
      const ready = await withClient(client);
      if (!ready.ok) return statusQueryAnswer({ kind: "error", error: ready.error });
      return statusQueryAnswer(await ready.client.queryTransactionStatus({ queryReference: reference }));
    },
    readCallback: readVodacomPostedResult,
    describeResultCode: describeVodacomCode,
    normalisePhone(input) {
      // The sandbox's magic numbers choose its test outcomes; nowhere else are they phone numbers.
      if (settings.environment === "sandbox" && SANDBOX_MSISDN.test(input)) return input;
      const phone = normalizeMarketPhone(input, market);
      return phone.ok ? phone.msisdn : null;
    },
  };
}

/**
 * Where Vodacom posts asynchronous results: one URL per app, set in Vodacom's portal (no request
 * field names it), so the same for every payment of a mode, behind a token only Malipo can make
 * (result-token.ts). Results are matched by conversation id.
 */
export function vodacomResultUrl(publicUrl: string, callbackSecret: string, mode: Mode): string {
  return `${publicUrl.replace(/\/+$/, "")}/api/callbacks/vodacom/${createVodacomResultToken(callbackSecret, mode)}`;
}

/** The registry's factory (lib/rails/rail.ts): the mode's VODACOM_* settings, or null when it has none. */
export function vodacomC2bRailFor(env: Env, mode: Mode): Rail | null {
  const settings = vodacomSettingsForMode(env, mode);
  if (!settings) return null;
  return vodacomC2bRail(vodacomClientForSettings(settings), {
    market: settings.market, environment: settings.environment, publicUrl: env.publicUrl, callbackSecret: env.secrets.callback,
  });
}

async function withClient(source: VodacomClientSource): Promise<{ ok: true; client: VodacomClient } | { ok: false; error: VodacomError }> {
  try {
    return { ok: true, client: await source() };
  } catch (error) {
    if (error instanceof VodacomError) return { ok: false, error };
    // A configuration the client refuses (a bad public key): an operator must act.
    return { ok: false, error: new VodacomError({ kind: "configuration", message: error instanceof Error ? error.message : String(error), cause: error }) };
  }
}
