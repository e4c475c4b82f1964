import type { Db } from "@/lib/db/client";
import type { CallbackOutcome } from "@/lib/generated/prisma/client";
import { parseStkCallback } from "@/lib/rails/daraja/callback";
import { FINAL_STATUSES } from "@/lib/payments/state";

export interface PurgeOldCallbacksOptions {
  /** REJECTED (refused at the door), or the parked INVALID and UNMATCHED. Never RECEIVED. */
  outcomes: readonly Exclude<CallbackOutcome, "RECEIVED">[];
  /** Rows received before this go. */
  before: Date;
  batchSize: number;
  /** Checked before each batch: housekeeping stops inside its time budget and goes on next run. */
  shouldContinue: () => boolean;
}

export interface PurgeOldCallbacksResult {
  deleted: number;
  /** Old rows kept because they are the only trace of an M-Pesa receipt (see below). */
  keptForReceipt: number;
}

/**
 * Deletes old callback rows of the given outcomes in batches of short statements, oldest first,
 * keeping whatever may still matter, whatever its age:
 * - the callbacks of a payment that is still open or in review (evidence for the person resolving it;
 *   a reprocess could still change it);
 * - a row whose signed URL token is valid and whose body carries an M-Pesa receipt that no payment
 *   records: it may be the only record that a customer paid (a callback from an address Safaricom
 *   had not published yet, or one that matched no payment). A body too broken to read is kept when
 *   it names a receipt at all.
 * Reprocessing anything else can change no payment any more. The delete re-checks the outcome, so
 * a callback an admin re-queued meanwhile (now RECEIVED) is never lost.
 */
export async function purgeOldCallbacks(db: Db, { outcomes, before, batchSize, shouldContinue }: PurgeOldCallbacksOptions): Promise<PurgeOldCallbacksResult> {
  const result: PurgeOldCallbacksResult = { deleted: 0, keptForReceipt: 0 };
  let after: { receivedAt: Date; id: bigint } | null = null;
  while (shouldContinue()) {
    const rows: { id: bigint; receivedAt: Date; body: string; tokenValid: boolean }[] = await db.callbackLog.findMany({
      where: {
        outcome: { in: [...outcomes] },
        receivedAt: { lt: before },
        AND: [{ OR: [{ paymentId: null }, { payment: { status: { in: [...FINAL_STATUSES] } } }] }],
        ...(after ? { OR: [{ receivedAt: { gt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      take: batchSize,
      select: { id: true, receivedAt: true, body: true, tokenValid: true },
    });
    if (rows.length === 0) break;
    const needed = await rowsHoldingUnrecordedReceipts(db, rows);
    const ids = rows.filter((row) => !needed.has(row.id)).map((row) => row.id);
    if (ids.length > 0) {
      const { count } = await db.callbackLog.deleteMany({ where: { id: { in: ids }, outcome: { in: [...outcomes] } } });
      result.deleted += count;
    }
    result.keptForReceipt += needed.size;
    after = rows.at(-1)!;
    if (rows.length < batchSize) break;
  }
  return result;
}

async function rowsHoldingUnrecordedReceipts(db: Db, rows: { id: bigint; body: string; tokenValid: boolean }[]): Promise<Set<bigint>> {
  const needed = new Set<bigint>();
  const receiptOf = new Map<bigint, string>();
  for (const row of rows) {
    // Without a valid token anyone could have sent it: a receipt in it proves nothing.
    if (!row.tokenValid) continue;
    const parsed = parseStkCallback(row.body);
    if (parsed.ok && parsed.callback.receipt) receiptOf.set(row.id, parsed.callback.receipt);
    else if (!parsed.ok && /MpesaReceiptNumber/i.test(row.body)) needed.add(row.id);
  }
  if (receiptOf.size === 0) return needed;
  const recorded = await db.payment.findMany({ where: { mpesaReceipt: { in: [...new Set(receiptOf.values())] } }, select: { mpesaReceipt: true } });
  const known = new Set(recorded.map((p) => p.mpesaReceipt));
  for (const [id, receipt] of receiptOf) if (!known.has(receipt)) needed.add(id);
  return needed;
}
