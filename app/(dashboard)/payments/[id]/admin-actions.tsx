"use client";

import { useActionState } from "react";
import { ActionResult } from "@/components/ui/action-result";
import { Card } from "@/components/ui/card";
import { ReasonField } from "@/components/ui/reason-field";
import { buttonClass } from "@/components/ui/styles";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { expirePaymentAction, recheckPaymentAction, resolveReviewAction, retryPaymentAction } from "@/lib/actions/payments";
import type { AvailableActions } from "@/lib/payments/available-actions";

/**
 * Admin actions that fit the payment's status, as the state table says (availableActions). The
 * answers live here, above the forms, because a successful action changes the status and so removes
 * the form that was used. Rendered for admins only; the actions check the role and the state again
 * on the server, so hiding them is convenience, not protection.
 */
export function AdminActions({ payment, actions }: { payment: { id: string; status: string }; actions: AvailableActions }) {
  const [recheckState, recheck, rechecking] = useActionState<ActionState, FormData>(recheckPaymentAction, IDLE);
  const [expireState, expire, expiring] = useActionState<ActionState, FormData>(expirePaymentAction, IDLE);
  const [resolveState, resolve, resolving] = useActionState<ActionState, FormData>(resolveReviewAction, IDLE);
  const [retryState, retry, retrying] = useActionState<ActionState, FormData>(retryPaymentAction, IDLE);
  const { recheck: canRecheck, expire: canExpire, resolve: canResolve, retry: canRetry } = actions;
  return (
    <Card title="Admin actions" id="admin-actions">
      <div className="space-y-5" data-testid="admin-actions">
        <div aria-live="polite" className="space-y-1" data-testid="admin-action-results">
          <ActionResult state={recheckState} />
          <ActionResult state={expireState} />
          <ActionResult state={resolveState} />
          <ActionResult state={retryState} />
        </div>
        {canRecheck ? (
          <section aria-labelledby="recheck-title">
            <h3 id="recheck-title" className="font-medium">Re-check now</h3>
            <p className="mb-2 text-sm text-slate-600">Ask M-Pesa for this payment&apos;s status at once, instead of waiting for the callback or the next scheduled query. A final answer settles the payment (a success after expiry settles it late).</p>
            <form action={recheck} className="space-y-3" data-testid="recheck-form">
              <input type="hidden" name="paymentId" value={payment.id} />
              <ReasonField id="recheck-reason" />
              <button type="submit" className={buttonClass.primary} disabled={rechecking}>{rechecking ? "Asking M-Pesa…" : "Re-check now"}</button>
            </form>
          </section>
        ) : null}
        {canExpire ? (
          <section aria-labelledby="expire-title">
            <h3 id="expire-title" className="font-medium">Expire</h3>
            <p className="mb-2 text-sm text-slate-600">Give up waiting. A success that still arrives later will count (flagged late).</p>
            <form action={expire} className="space-y-3" data-testid="expire-form">
              <input type="hidden" name="paymentId" value={payment.id} />
              <ReasonField id="expire-reason" />
              <button type="submit" className={buttonClass.danger} disabled={expiring}>{expiring ? "Expiring…" : "Expire payment"}</button>
            </form>
          </section>
        ) : null}
        {canResolve ? (
          <section aria-labelledby="resolve-title">
            <h3 id="resolve-title" className="font-medium">Resolve review</h3>
            <p className="mb-2 text-sm text-slate-600">Check the M-Pesa statement, then record whether the customer paid.</p>
            <form action={resolve} className="space-y-3" data-testid="resolve-form">
              <input type="hidden" name="paymentId" value={payment.id} />
              <fieldset>
                <legend className="text-sm font-medium text-slate-700">Outcome</legend>
                <label className="mr-4 inline-flex items-center gap-1.5 text-sm"><input type="radio" name="outcome" value="SUCCEEDED" required className="accent-emerald-700" /> Paid (succeeded)</label>
                <label className="inline-flex items-center gap-1.5 text-sm"><input type="radio" name="outcome" value="FAILED" className="accent-emerald-700" /> Not paid (failed)</label>
              </fieldset>
              <ReasonField id="resolve-reason" />
              <button type="submit" className={buttonClass.primary} disabled={resolving}>{resolving ? "Resolving…" : "Resolve"}</button>
            </form>
          </section>
        ) : null}
        {canRetry ? (
          <section aria-labelledby="retry-title">
            <h3 id="retry-title" className="font-medium">Send the prompt again</h3>
            <p className="mb-2 text-sm text-slate-600">Every attempt so far ended unpaid, as M-Pesa confirmed. A new prompt goes to the customer&apos;s phone as a new attempt, with a new deadline; the storefront hears of its outcome as usual.</p>
            <form action={retry} className="space-y-3" data-testid="retry-form">
              <input type="hidden" name="paymentId" value={payment.id} />
              <ReasonField id="retry-reason" />
              <button type="submit" className={buttonClass.primary} disabled={retrying}>{retrying ? "Sending…" : "Send the prompt again"}</button>
            </form>
          </section>
        ) : null}
        {!canRecheck && !canExpire && !canResolve && !canRetry ? <p className="text-sm text-slate-600">No admin action applies to this payment now ({payment.status.toLowerCase()}).</p> : null}
      </div>
    </Card>
  );
}
