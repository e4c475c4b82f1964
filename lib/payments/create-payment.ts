import type { Db } from "@/lib/db/client";
import { Prisma, type Mode, type Payment } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { writesAlongside } from "@/lib/db/writes-alongside";
import { PAYMENT_FIELDS_OF_P } from "@/lib/payments/payment-columns";
import { createLogger, type Logger } from "@/lib/logger";
import type { ChargeRail } from "@/lib/payments/charge";
import { pushAttempt, type PushAttemptResult } from "@/lib/payments/push-attempt";
import { paymentEventInsert } from "@/lib/payments/record-payment-event";

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
  /** As in PushAttemptOptions: the caller's writes if the provider takes the push. */
  onAccepted?: readonly Prisma.Sql[];
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

  // Committed before the rail is called: whatever happens next, the attempt is on record. One
  // statement, so one round trip: the timeline entry and the first attempt ride along as
  // data-modifying CTEs (their foreign keys are checked at the statement's end, when the payment
  // exists), and the payment comes back whole. The idempotency key's link is a condition of the
  // insert: a key gone meanwhile writes no payment, and the entries without it fail the whole
  // statement on their foreign keys, as the key's update used to fail the transaction.
  const collectionAccountId = options.collectionAccountId ?? null;
  const attemptId = createId("att");
  const metadata = input.metadata === undefined ? null : JSON.stringify(input.metadata);
  const alongside = writesAlongside([
    paymentEventInsert({ paymentId: id, type: "initiate", source: "api", toStatus: "INITIATING", data: { amount: input.amount, reference: input.reference } }),
    Prisma.sql`INSERT INTO payment_attempts (id, payment_id, sequence, collection_account_id, created_at, updated_at)
               VALUES (${attemptId}, ${id}, 1, ${collectionAccountId}, ${now}, ${now})`,
  ]);
  const linked = idempotencyKeyId
    ? Prisma.sql`linked AS (UPDATE idempotency_keys SET payment_id = ${id} WHERE id = ${idempotencyKeyId} RETURNING id),`
    : Prisma.empty;
  const [payment] = await db.$queryRaw<Payment[]>`
    WITH ${linked} ${alongside}
    INSERT INTO payments AS p (id, storefront_id, mode, amount, currency, phone, reference, description, metadata, created_at, updated_at, expires_at, collection_account_id)
    SELECT ${id}::text, ${storefrontId}::text, ${mode}::"Mode", ${input.amount}::int, ${options.currency ?? "KES"}::text, ${input.phone}::text, ${input.reference}::text,
           ${input.description ?? null}::text, ${metadata}::jsonb, ${now}::timestamptz, ${now}::timestamptz, ${expiresAt}::timestamptz, ${collectionAccountId}::text
     ${idempotencyKeyId ? Prisma.sql`WHERE EXISTS (SELECT 1 FROM linked)` : Prisma.empty}
    RETURNING ${PAYMENT_FIELDS_OF_P}`;
  if (!payment) throw new Error(`payment ${id} was not written`);

  return pushAttempt(db, { payment, attemptId, rail, reconcileAfterSeconds: options.reconcileAfterSeconds, source: "api", onAccepted: options.onAccepted, logger: log });
}
