import type { Db } from "@/lib/db/client";
import type { Mode, Prisma } from "@/lib/generated/prisma/client";
import { createLogger, type Logger } from "@/lib/logger";
import type { ChargeRail } from "@/lib/payments/charge";
import { inTransaction } from "@/lib/db/in-transaction";
import { createAttempt } from "@/lib/payments/payment-attempts";
import { pushAttempt, type PushAttemptResult } from "@/lib/payments/push-attempt";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";

/** A validated create request (lib/api/payment-schemas.ts parses the API's). */
export interface NewPaymentInput {
  amount: number;
  phone: string;
  reference: string;
  description?: string;
  metadata?: Record<string, string | number | boolean>;
}

export interface CreatePaymentOptions {
  storefrontId: string;
  mode: Mode;
  input: NewPaymentInput;
  /** The payment's provider (its collection account's rail, lib/collection-accounts/payment-rail.ts): it makes the id, the callback URL and the push. */
  rail: ChargeRail;
  /** ISO 4217 code of the amount: the rail's (its collection account's) currency. Default KES. */
  currency?: string;
  /** The collection account the rail charges through, recorded on the payment. */
  collectionAccountId?: string | null;
  expirySeconds: number;
  /**
   * When set, the payment's status reconciliation is scheduled in the transaction that records the
   * push's answer: the first status query this many seconds after acceptance, or, for an unknown
   * outcome, the same when the rail names its own query reference (Vodacom) and otherwise (nothing
   * to query) a check at the deadline. Without it the periodic sweep covers it.
   */
  reconcileAfterSeconds?: number;
  /** Linked to the payment in the transaction that creates it, so a replay can always find it. */
  idempotencyKeyId?: string;
  logger?: Logger;
}

/** What the first push did (push-attempt.ts). */
export type CreatePaymentResult = PushAttemptResult;

/** Writes the INITIATING row with its first attempt, pushes the prompt, and records what the rail said. */
export async function createPayment(db: Db, options: CreatePaymentOptions): Promise<CreatePaymentResult> {
  const { storefrontId, mode, input, rail, idempotencyKeyId } = options;
  const id = rail.newPaymentId(mode);
  const log = (options.logger ?? createLogger("payments")).child({ paymentId: id });
  const now = new Date();
  const expiresAt = new Date(now.getTime() + options.expirySeconds * 1000);

  // Committed before the rail is called: whatever happens next, the attempt is on record.
  const collectionAccountId = options.collectionAccountId ?? null;
  const { payment, attempt } = await inTransaction(db, async (tx) => {
    const created = await tx.payment.create({
      data: {
        id, storefrontId, mode, amount: input.amount, currency: options.currency ?? "KES", phone: input.phone, reference: input.reference,
        description: input.description ?? null, metadata: (input.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
        createdAt: now, expiresAt, collectionAccountId,
      },
    });
    await recordPaymentEvent(tx, { paymentId: id, type: "initiate", source: "api", toStatus: "INITIATING", data: { amount: input.amount, reference: input.reference } });
    if (idempotencyKeyId) await tx.idempotencyKey.update({ where: { id: idempotencyKeyId }, data: { paymentId: id } });
    return { payment: created, attempt: await createAttempt(tx, { paymentId: id, sequence: 1, collectionAccountId, now }) };
  });

  return pushAttempt(db, { payment, attemptId: attempt.id, rail, reconcileAfterSeconds: options.reconcileAfterSeconds, source: "api", logger: log });
}
