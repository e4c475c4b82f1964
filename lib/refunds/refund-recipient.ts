/**
 * The number a B2C refund pays: the one M-Pesa says paid (mpesaPhone), else the one the payment
 * was asked of. A masked M-Pesa number (some sources hide digits) cannot be paid, so then the
 * payment's own number. Not stored on the refund (it is always the payment's), and never logged.
 */
export function refundRecipient(payment: { phone: string; mpesaPhone: string | null }): string {
  return payment.mpesaPhone && /^\+?\d{12}$/.test(payment.mpesaPhone) ? payment.mpesaPhone : payment.phone;
}
