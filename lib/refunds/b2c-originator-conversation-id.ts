/**
 * The OriginatorConversationID a B2C refund is sent with: derived from the refund, so it is the
 * same on every send. Daraja's v3 B2C treats it as an idempotency key and refuses a second request
 * with it as a duplicate rather than paying twice; and a refund whose call broke off can still be
 * asked about with Transaction Status by it, though Daraja never answered with it.
 */
export function b2cOriginatorConversationId(refundId: string): string {
  return `malipo-${refundId}`;
}
