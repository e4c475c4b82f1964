import type { InitiatorResultClassification } from "@/lib/rails/daraja/initiator/result-codes";
import type { RefundOutcome } from "@/lib/refunds/settle-refund";

/**
 * What a reversal's or B2C payment's non-zero result means for its refund. A code M-Pesa
 * documents as final (the balance, the customer, already reversed…) fails it: nothing moved. A
 * code nobody knows, or "duplicate detected" (our OriginatorConversationID is the refund's own, so
 * an earlier sending of it stands), says nothing about the money: the refund stays unknown and is
 * asked about with Transaction Status, never failed on a guess.
 */
export function outcomeOfFailedResult(
  classification: InitiatorResultClassification,
  o: { reason: string; source: string; now: Date; checkAfterMinutes: number },
): Extract<RefundOutcome, { kind: "failed" | "unknown" }> {
  if (!classification.known || classification.cause === "duplicate") {
    return {
      kind: "unknown", source: o.source, checkAgainAt: new Date(o.now.getTime() + o.checkAfterMinutes * 60_000),
      reason: `M-Pesa answered ${classification.code || "(no code)"} (${classification.reason}), which does not say whether the money moved: asked again with Transaction Status`,
    };
  }
  return { kind: "failed", code: classification.code, reason: o.reason, source: o.source };
}
