import { B2C_MIN_AMOUNT_KES } from "@/lib/rails/daraja/initiator/b2c-payment";

/**
 * What the refund form says about the method its amount will use, in the words of
 * chooseRefundMethod (choose-refund-method.ts): the whole payment by Reversal, a part by B2C when
 * the account has a B2C shortcode.
 */
export function refundMethodHint({ paid, refundable, b2cShortcode }: { paid: number; refundable: number; b2cShortcode: string | null }): string {
  if (!b2cShortcode) {
    return refundable === paid
      ? `M-Pesa's Reversal gives the whole KES ${paid} back. This account has no B2C shortcode, so a part cannot be refunded.`
      : `This account has no B2C shortcode: the KES ${refundable} left cannot be paid back from here.`;
  }
  const part = `A part (at least KES ${B2C_MIN_AMOUNT_KES}) is paid by B2C from ${b2cShortcode} to the number that paid.`;
  return refundable === paid ? `The whole KES ${paid} goes back by Reversal. ${part}` : `Refunds from here are parts, by B2C. ${part}`;
}
