import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { approveRefundAction, cancelRefundAction, rejectRefundAction, requestRefundAction, sendRefundAction, settleRefundByHandAction } from "@/lib/actions/refunds";
import type { RefundStatus } from "@/lib/generated/prisma/client";
import type { RefundView } from "@/lib/refunds/find-refunds";
import { askedBy } from "@/lib/refunds/refund-actor";
import { refundMethodHint } from "@/lib/refunds/refund-method-hint";
import { canTransitionRefund, isCommittedRefund } from "@/lib/refunds/refund-state";

const TONES: Record<RefundStatus, "slate" | "blue" | "amber" | "green" | "red"> = {
  REQUESTED: "amber", APPROVED: "blue", PENDING: "blue", SUCCEEDED: "green", FAILED: "red", REJECTED: "slate", CANCELLED: "slate",
};
const WORDS: Record<RefundStatus, string> = {
  REQUESTED: "Waiting for approval", APPROVED: "Approved, not sent", PENDING: "Sent to M-Pesa", SUCCEEDED: "Refunded", FAILED: "Failed", REJECTED: "Rejected", CANCELLED: "Cancelled",
};

interface RefundsSectionProps {
  payment: { id: string; status: string; amount: number; mpesaReceipt: string | null };
  refunds: RefundView[];
  user: { id: string; role: string };
  /** The payment's account's B2C shortcode: a part can then be paid back by B2C; null: only the whole, by Reversal. */
  b2cShortcode: string | null;
  /** A refund last sent before this may be settled by hand (its result is overdue), as one of unknown outcome. */
  overdueBefore: Date;
}

/** A payment's refunds (what was given back, each refund's state and timeline) and, for admins, the four-eyes steps. */
export function RefundsSection({ payment, refunds, user, b2cShortcode, overdueBefore }: RefundsSectionProps) {
  // As the server judges it (settle-refund-by-hand.ts): never while M-Pesa's own result may still come.
  const settleableByHand = (r: RefundView) => r.status === "PENDING"
    && (r.outcomeUnknown || Math.max(...r.events.filter((e) => e.type === "send").map((e) => e.createdAt.getTime())) < overdueBefore.getTime());
  const admin = user.role === "ADMIN";
  const committed = refunds.filter((r) => isCommittedRefund(r.status)).reduce((sum, r) => sum + r.amount, 0);
  // From the refunds listed, not the payment row read a moment before them: the card never shows a
  // refund succeeded beside a total that does not count it yet.
  const refunded = refunds.filter((r) => r.status === "SUCCEEDED").reduce((sum, r) => sum + r.amount, 0);
  const refundable = payment.status === "SUCCEEDED" && payment.mpesaReceipt ? payment.amount - committed : 0;
  const hidden = (refundId: string) => <><input type="hidden" name="paymentId" value={payment.id} /><input type="hidden" name="refundId" value={refundId} /></>;
  return (
    <Card title="Refunds" id="refunds">
      <div className="space-y-3 text-sm">
        <p data-testid="payment-refunded">
          {refunded > 0
            ? <>Refunded KES {refunded} of {payment.amount}{refunded >= payment.amount ? " (fully refunded)" : " (partly refunded)"}.</>
            : "Nothing refunded."}
        </p>
        {refunds.length ? (
          <ol className="space-y-2">
            {refunds.map((r) => (
              <li key={r.id} className="rounded-md border border-slate-200 p-2" data-testid="refund" data-status={r.status}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-xs">{r.id}</span>
                  <span>KES {r.amount}</span>
                  <span className="text-slate-600" data-testid="refund-method">{r.method === "b2c" ? "by B2C" : "by Reversal"}</span>
                  <Badge tone={TONES[r.status]}>{WORDS[r.status]}</Badge>
                  {r.outcomeUnknown ? <Badge tone="amber">Outcome unknown: being checked</Badge> : null}
                  {r.mpesaReceipt ? <span className="font-mono">{r.method === "b2c" ? "B2C" : "reversal"} {r.mpesaReceipt}</span> : null}
                </div>
                <p className="mt-1 text-slate-700">Asked by {r.requestedByEmail} <DateTime value={r.createdAt} suffix />: {r.reason}</p>
                {r.decidedByEmail ? <p className="text-slate-700">{r.status === "REJECTED" ? "Rejected" : "Approved"} by {r.decidedByEmail}: {r.decisionReason}</p> : null}
                {r.failureReason ? <p className="text-red-800" data-testid="refund-failure">{r.failureReason}</p> : null}
                <details className="mt-1">
                  <summary className="cursor-pointer text-slate-700">Timeline ({r.events.length})</summary>
                  <ol className="mt-1 space-y-1">
                    {r.events.map((e) => (
                      <li key={e.id}><DateTime value={e.createdAt} /> {e.type}{e.toStatus ? ` → ${e.toStatus.toLowerCase()}` : ""}{e.actorEmail ? ` by ${e.actorEmail}` : ""}</li>
                    ))}
                  </ol>
                </details>
                {admin ? (
                  <div className="mt-2 space-y-2">
                    {r.status === "REQUESTED" && !askedBy(r, user.id) ? (
                      <>
                        <ActionForm action={approveRefundAction} submitLabel="Approve and send" tone="primary" className="space-y-2" testId="approve-refund-form">{hidden(r.id)}<ReasonField id={`approve-${r.id}`} /></ActionForm>
                        <ActionForm action={rejectRefundAction} submitLabel="Reject" tone="danger" className="space-y-2" testId="reject-refund-form">{hidden(r.id)}<ReasonField id={`reject-${r.id}`} /></ActionForm>
                      </>
                    ) : null}
                    {r.status === "REQUESTED" && askedBy(r, user.id) ? (
                      <p className="text-slate-600" data-testid="refund-needs-second-admin">
                        {r.requestedVia === "api" ? "Asked for with a storefront API key you issued: another admin approves this refund." : "Another admin approves this refund."}
                      </p>
                    ) : null}
                    {r.status === "APPROVED" ? <ActionForm action={sendRefundAction} submitLabel="Send to M-Pesa" tone="secondary" testId="send-refund-form">{hidden(r.id)}</ActionForm> : null}
                    {settleableByHand(r) ? (
                      <details data-testid="settle-refund-by-hand"><summary className="cursor-pointer text-emerald-800">Settle by hand (from the org portal)…</summary>
                        <ActionForm action={settleRefundByHandAction} submitLabel="Record what M-Pesa shows" tone="secondary" className="mt-2 space-y-2" testId="settle-refund-form">
                          {hidden(r.id)}
                          <fieldset className="space-y-1">
                            <legend className={labelClass}>What the org portal shows</legend>
                            <label className="flex items-center gap-2"><input type="radio" name="finding" value="refunded" defaultChecked /> Refunded, receipt:</label>
                            <input name="receipt" aria-label="Receipt of the refund" placeholder="e.g. TLC1ABCDEF" className={`${inputClass} w-40 font-mono`} />
                            <label className="flex items-center gap-2"><input type="radio" name="finding" value="not_refunded" /> Nothing was refunded</label>
                          </fieldset>
                          <ReasonField id={`settle-${r.id}`} />
                        </ActionForm>
                      </details>
                    ) : null}
                    {canTransitionRefund("cancel", r.status) ? (
                      <details><summary className="cursor-pointer text-emerald-800">Cancel…</summary>
                        <ActionForm action={cancelRefundAction} submitLabel="Cancel refund" tone="secondary" className="mt-2 space-y-2" testId="cancel-refund-form">{hidden(r.id)}<ReasonField id={`cancel-${r.id}`} /></ActionForm>
                      </details>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        ) : null}
        {admin && refundable > 0 ? (
          <ActionForm action={requestRefundAction} submitLabel="Request refund" tone="secondary" className="space-y-2" testId="request-refund-form">
            <input type="hidden" name="paymentId" value={payment.id} />
            <div>
              <label htmlFor="refund-amount" className={labelClass}>Amount (KES, at most {refundable})</label>
              <input id="refund-amount" name="amount" inputMode="numeric" defaultValue={String(refundable)} className={`${inputClass} mt-1 w-40`} />
              <p className="mt-1 text-xs text-slate-600" data-testid="refund-method-hint">
                {refundMethodHint({ paid: payment.amount, refundable, b2cShortcode })}
              </p>
            </div>
            <ReasonField id="refund-reason" />
          </ActionForm>
        ) : null}
      </div>
    </Card>
  );
}
