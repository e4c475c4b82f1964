import type { Db } from "@/lib/db/client";
import type { Mode, Prisma } from "@/lib/generated/prisma/client";
import { createLogger, type Logger } from "@/lib/logger";
import type { DarajaClient } from "@/lib/mpesa/client";
import { createCallbackSafePaymentId } from "@/lib/rails/callback-token";
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
  daraja: DarajaClient;
  publicUrl: string;
  callbackSecret: string;
  expirySeconds: number;
  /**
   * When set, the payment's status reconciliation is scheduled in the transaction that records the
   * push's answer: the first STK query this many seconds after acceptance, or, for an unknown
   * outcome (nothing to query), a check at the deadline. Without it the periodic sweep covers it.
   */
  reconcileAfterSeconds?: number;
  /** Linked to the payment in the transaction that creates it, so a replay can always find it. */
  idempotencyKeyId?: string;
  logger?: Logger;
}

/** What the first push did (push-attempt.ts). */
export type CreatePaymentResult = PushAttemptResult;

/** Writes the INITIATING row with its first attempt, pushes the STK prompt, and records what Daraja said. */
export async function createPayment(db: Db, options: CreatePaymentOptions): Promise<CreatePaymentResult> {
  const { storefrontId, mode, input, daraja, idempotencyKeyId } = options;
  const id = createCallbackSafePaymentId(options.callbackSecret, mode);
  const log = (options.logger ?? createLogger("payments")).child({ paymentId: id });
  const now = new Date();
  const expiresAt = new Date(now.getTime() + options.expirySeconds * 1000);

  // Committed before Daraja is called: whatever happens next, the attempt is on record.
  const { payment, attempt } = await inTransaction(db, async (tx) => {
    const created = await tx.payment.create({
      data: {
        id, storefrontId, mode, amount: input.amount, phone: input.phone, reference: input.reference,
        description: input.description ?? null, metadata: (input.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
        createdAt: now, expiresAt,
      },
    });
    await recordPaymentEvent(tx, { paymentId: id, type: "initiate", source: "api", toStatus: "INITIATING", data: { amount: input.amount, reference: input.reference } });
    if (idempotencyKeyId) await tx.idempotencyKey.update({ where: { id: idempotencyKeyId }, data: { paymentId: id } });
    return { payment: created, attempt: await createAttempt(tx, { paymentId: id, sequence: 1, now }) };
  });

  return pushAttempt(db, { payment, attemptId: attempt.id, daraja, publicUrl: options.publicUrl, callbackSecret: options.callbackSecret, reconcileAfterSeconds: options.reconcileAfterSeconds, source: "api", logger: log });
}
