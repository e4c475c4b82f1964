import type { Env } from "@/lib/env";
import type { Mode, Prisma } from "@/lib/generated/prisma/client";
import type { ParsedStkCallback } from "@/lib/rails/daraja/callback";

export interface UnknownOutcomeMatchSettings {
  windowSeconds: number;
  /** The modes whose Daraja configuration uses each shortcode (from the callback's BusinessShortCode header). */
  modesByShortcode: Readonly<Record<string, readonly Mode[]>>;
}

/**
 * The match of last resort: an unknown outcome is resolved by a callback matched on
 * MerchantRequestID, or on phone, amount and a time window. Each payment's callback URL carries a signed
 * token naming it, so a callback for a push whose answer was lost is normally matched by that token
 * and settled as usual. This one is for a success callback whose token names a payment that does
 * not exist (its row was lost, say by a database failover that dropped the last commits) and whose
 * CheckoutRequestID and MerchantRequestID match nothing: it is matched to the one INITIATING payment
 * with an unknown outcome, of the callback's shortcode, with the same phone and amount, created
 * within the window before the callback arrived. The settle path sends that payment to REVIEW, never
 * straight to SUCCEEDED (lib/payments/decide.ts, WINDOW_MATCH_REASON). Two or more candidates match nothing: choosing would be guessing.
 */
export async function matchUnknownOutcome(
  tx: Prisma.TransactionClient,
  { callback, headers, receivedAt, settings }: { callback: ParsedStkCallback; headers: unknown; receivedAt: Date; settings: UnknownOutcomeMatchSettings },
): Promise<{ id: string } | null> {
  if (callback.classification.outcome !== "succeeded" || !Number.isInteger(callback.amount) || !callback.phone) return null;
  const shortcode = headers && typeof headers === "object" ? (headers as Record<string, unknown>).businessshortcode : undefined;
  const modes = typeof shortcode === "string" ? settings.modesByShortcode[shortcode.trim()] : undefined;
  if (!modes?.length) return null;
  const candidates = await tx.payment.findMany({
    where: {
      status: "INITIATING", outcomeUnknown: true, checkoutRequestId: null, mode: { in: [...modes] }, phone: callback.phone, amount: callback.amount,
      createdAt: { gte: new Date(receivedAt.getTime() - settings.windowSeconds * 1000), lte: receivedAt },
    },
    select: { id: true },
    take: 2,
  });
  return candidates.length === 1 ? candidates[0]! : null;
}

/** The settings from the environment: each configured mode under its shortcode. */
export function unknownOutcomeMatchSettings(env: Env): UnknownOutcomeMatchSettings {
  const modesByShortcode: Record<string, Mode[]> = {};
  for (const [mode, config] of [["TEST", env.daraja.test], ["LIVE", env.daraja.live]] as const) {
    if (config) (modesByShortcode[config.shortcode] ??= []).push(mode);
  }
  return { windowSeconds: env.payments.unknownOutcomeMatchWindowSeconds, modesByShortcode };
}
