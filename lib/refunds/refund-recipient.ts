import { compareDisplayMask } from "@/lib/phone/compare-display-mask";
import { compareReportedPhone } from "@/lib/phone/compare-reported-phone";

/**
 * The number a B2C refund pays: the payment's own (the one prompted), when nothing says another
 * number paid — M-Pesa reported none, or reported the same one (in full, masked or hashed, as far as
 * it can be told). Null when M-Pesa says another number paid, or reported one Malipo cannot read:
 * paying a part to a guess could send the money to a stranger, so the part is refused (the whole
 * goes back by Reversal, to whoever paid). Not stored on the refund, and never logged.
 */
export function refundRecipient(payment: { phone: string; mpesaPhone: string | null; phoneMismatch: boolean }): string | null {
  if (payment.phoneMismatch) return null;
  if (payment.mpesaPhone === null) return payment.phone;
  const seen = compareReportedPhone(payment.phone, payment.mpesaPhone).kind;
  if (seen === "same" || seen === "consistent") return payment.phone;
  // A payment a C2B confirmation settled holds the payer's number in Malipo's display form.
  return seen === "unverifiable" && compareDisplayMask(payment.phone, payment.mpesaPhone) === "same" ? payment.phone : null;
}

export const NO_SAFE_RECIPIENT =
  "M-Pesa reported another number than the one this payment was asked of (or one Malipo cannot read), so a part cannot be paid back by B2C safely: refund the whole payment by Reversal, or pay the part from the org portal.";
