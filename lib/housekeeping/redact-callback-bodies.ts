import type { Db } from "@/lib/db/client";
import { redactPhonesInBody } from "@/lib/housekeeping/redact-phones";
import { FINAL_STATUSES } from "@/lib/payments/state";

export interface RedactCallbackBodiesOptions {
  /** Callbacks received before this are masked. */
  before: Date;
  now: Date;
  batchSize: number;
  shouldContinue: () => boolean;
}

/** Outcomes whose effect is on the payment: nobody processes these bodies again. */
const SETTLED_OUTCOMES = ["APPLIED", "DUPLICATE", "STALE"] as const;

/**
 * Masks the customer's phone number in the raw bodies of old callbacks whose payment is final
 * (not open, not in review), and of old Transaction Status results (which carry the payer's full
 * number) whatever their payment: the payment row keeps the number it needs, and the body keeps its
 * receipt, amount and result for finance. Parked callbacks (INVALID, UNMATCHED) are left whole,
 * because an admin may reprocess them. One UPDATE per batch; each row is marked, so it is read once.
 */
export async function redactCallbackBodies(db: Db, { before, now, batchSize, shouldContinue }: RedactCallbackBodiesOptions): Promise<number> {
  let redacted = 0;
  while (shouldContinue()) {
    const rows = await db.callbackLog.findMany({
      where: {
        bodyRedactedAt: null, outcome: { in: [...SETTLED_OUTCOMES] }, receivedAt: { lt: before },
        // An initiator result is read once into its request, whatever its payment (if any) is doing.
        OR: [{ payment: { status: { in: [...FINAL_STATUSES] } } }, { kind: { in: ["INITIATOR_RESULT", "INITIATOR_TIMEOUT"] } }],
      },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      take: batchSize,
      select: { id: true, body: true },
    });
    if (rows.length === 0) break;
    const ids = rows.map((row) => row.id.toString());
    const bodies = rows.map((row) => redactPhonesInBody(row.body));
    redacted += await db.$executeRaw`
      UPDATE callback_logs AS c SET body = r.body, body_redacted_at = ${now}
        FROM unnest(${ids}::bigint[], ${bodies}::text[]) AS r(id, body)
       WHERE c.id = r.id AND c.body_redacted_at IS NULL`;
    if (rows.length < batchSize) break;
  }
  return redacted;
}
