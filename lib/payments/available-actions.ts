import type { AttemptStatus, PaymentStatus } from "@/lib/generated/prisma/client";
import { attemptBlockingRetry } from "@/lib/payments/attempt-state";
import { canTransition, QUERYABLE_STATUSES } from "@/lib/payments/state";

/** The admin actions a payment's status allows; the dashboard shows these, the use cases check again. */
export interface AvailableActions {
  recheck: boolean;
  expire: boolean;
  resolve: boolean;
  /** Send the prompt again: a retry the state table allows, and no attempt live or of unknown outcome. */
  retry: boolean;
}

/**
 * What the state table (state.ts) and the payment's attempts (attempt-state.ts) allow an admin to
 * do now. Apart from the table itself so that client code reading the status lists never loads this.
 */
export function availableActions(
  payment: { status: PaymentStatus; checkoutRequestId: string | null },
  attempts: readonly { sequence: number; status: AttemptStatus }[] = [],
): AvailableActions {
  const expire = canTransition("expire", payment.status);
  // A query needs the provider's id of the push; an expired payment may have been paid after its deadline.
  const recheck = (QUERYABLE_STATUSES as readonly PaymentStatus[]).includes(payment.status) && payment.checkoutRequestId !== null;
  const retry = canTransition("retry", payment.status) && attempts.length > 0 && attemptBlockingRetry(attempts) === null;
  return { recheck, expire, resolve: canTransition("resolve", payment.status), retry };
}
