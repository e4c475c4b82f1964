import type { Db } from "@/lib/db/client";
import { nextAttemptAt, type BackoffSettings } from "@/lib/webhooks/backoff";
import type { ClaimedDelivery } from "@/lib/webhooks/claim-due-deliveries";
import type { PostWebhookOutcome } from "@/lib/webhooks/post-webhook";
import { inTransaction } from "@/lib/db/in-transaction";

export interface RecordDeliveryAttemptOptions {
  claim: ClaimedDelivery;
  outcome: PostWebhookOutcome;
  requestedAt: Date;
  now: Date;
  settings: BackoffSettings & { maxAgeSeconds: number };
  random?: () => number;
}

/** What became of the delivery: delivered, waiting for a retry, failed for good, or superseded. */
export type DeliveryResult = "succeeded" | "retrying" | "failed" | "superseded";

/**
 * Logs the attempt and moves the delivery on, in one transaction. The update is fenced on the
 * attempt number taken at claim time: if a resend (or a claim after an expired lease) started a
 * newer attempt meanwhile, this older one is logged but decides nothing ("superseded").
 */
export async function recordDeliveryAttempt(db: Db, { claim, outcome, requestedAt, now, settings, random }: RecordDeliveryAttemptOptions): Promise<DeliveryResult> {
  const next = outcome.ok
    ? null
    : nextAttemptAt({ seriesAttempt: claim.seriesAttempt, seriesStartedAt: claim.seriesStartedAt, maxAgeSeconds: settings.maxAgeSeconds, now, settings, random });
  const result: DeliveryResult = outcome.ok ? "succeeded" : next ? "retrying" : "failed";
  return inTransaction(db, async (tx) => {
    await tx.webhookAttempt.createMany({
      data: [{
        deliveryId: claim.id,
        attemptNumber: claim.attemptNumber,
        requestedAt,
        statusCode: outcome.statusCode,
        latencyMs: outcome.latencyMs,
        responseExcerpt: outcome.responseExcerpt,
        error: outcome.error,
      }],
      skipDuplicates: true,
    });
    const fence = { id: claim.id, attemptCount: claim.attemptNumber, status: "PENDING" as const };
    const data = result === "succeeded"
      ? { status: "SUCCEEDED" as const, deliveredAt: now, nextAttemptAt: null }
      : result === "retrying" ? { nextAttemptAt: next } : { status: "FAILED" as const, nextAttemptAt: null };
    const { count } = await tx.webhookDelivery.updateMany({ where: fence, data });
    return count === 1 ? result : "superseded";
  });
}
