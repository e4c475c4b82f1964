import type { Env } from "@/lib/env";
import type { Payment, Prisma } from "@/lib/generated/prisma/client";
import { ledgerAccountOfPayment, shortcodeOfAccount } from "@/lib/ledger/ledger-account";
import { recordSourceLine } from "@/lib/ledger/record-source-line";
import type { Logger } from "@/lib/logger";
import type { ParsedStkCallback } from "@/lib/rails/daraja/callback";
import { ledgerLineFromStkCallback } from "@/lib/rails/daraja/ledger-line";

export interface RecordStkCallbackLineOptions {
  /** The payment the callback answered, as the settle path left it (its status and receipt after the callback). */
  payment: Pick<Payment, "id" | "storefrontId" | "mode" | "collectionAccountId" | "reference" | "status" | "mpesaReceipt">;
  callback: ParsedStkCallback;
  now: Date;
  /** Names an environment account's shortcode; without it the line's shortcode waits for another source. */
  env?: Pick<Env, "daraja">;
  logger: Logger;
  /** Writes of the caller's sent in the line's first statement when there is a line (the callback's verdict). */
  alongside?: readonly Prisma.Sql[];
}

/**
 * The ledger line of a successful STK callback with a receipt, on the collection account of the
 * payment it answered, in the transaction that applied the callback. A failure, or a success
 * without a receipt or with a fractional amount, tells of no money and makes no line. Returns
 * whether a line was recorded, and so whether the `alongside` writes were sent.
 */
export async function recordStkCallbackLine(tx: Prisma.TransactionClient, options: RecordStkCallbackLineOptions): Promise<boolean> {
  if (options.callback.classification.outcome !== "succeeded" || !options.callback.receipt) return false;
  const { payment } = options;
  const account = await ledgerAccountOfPayment(tx, payment);
  if (!account) {
    options.logger.warn({ paymentId: payment.id }, "no ledger line for this callback: the payment has no collection account and its mode has no environment account");
    return false;
  }
  const line = ledgerLineFromStkCallback(options.callback, { shortcode: shortcodeOfAccount(account, options.env), accountReference: payment.reference });
  if (!line) return false;
  const sighting = { collectionAccountId: account.id, mode: account.mode, currency: account.currency, line, paymentId: payment.id };
  await recordSourceLine(tx, sighting, options.now, payment, options.alongside);
  return true;
}
