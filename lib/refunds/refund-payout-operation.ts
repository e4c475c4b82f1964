/** The initiator requests that pay a refund out (a Reversal of the whole payment, or a B2C payment of a part), as against a status check of one. */
export const REFUND_PAYOUT_OPERATIONS = ["reversal", "b2c"] as const;

export function isRefundPayout(operation: string): boolean {
  return (REFUND_PAYOUT_OPERATIONS as readonly string[]).includes(operation);
}
