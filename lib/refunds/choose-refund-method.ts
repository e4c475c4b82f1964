import { AppError } from "@/lib/errors";
import { B2C_MIN_AMOUNT_KES } from "@/lib/rails/daraja/initiator/b2c-payment";

export type RefundMethod = "reversal" | "b2c";

/**
 * How a refund of `amount` of a payment of `paid` goes back. The whole payment by Reversal (by its
 * receipt: Daraja documents no partial reversal); a part by B2C to the number that paid, which
 * needs the account's B2C shortcode and at least B2C's minimum. Anything else is refused with
 * words that say what would work.
 */
export function chooseRefundMethod({ amount, paid, b2cShortcode }: { amount: number; paid: number; b2cShortcode: string | null }): RefundMethod {
  if (amount === paid) return "reversal";
  if (!b2cShortcode) {
    throw new AppError("validation_failed", `A partial refund is paid by B2C, and this collection account has no B2C shortcode: refund the whole KES ${paid} by Reversal, or an admin adds the account's B2C shortcode first.`, { param: "amount" });
  }
  if (amount < B2C_MIN_AMOUNT_KES) {
    throw new AppError("validation_failed", `A partial refund is paid by B2C, which pays at least KES ${B2C_MIN_AMOUNT_KES}: refund KES ${B2C_MIN_AMOUNT_KES} or more, or the whole KES ${paid}.`, { param: "amount" });
  }
  return "b2c";
}
