import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { StatusBadge, TestBadge } from "@/components/ui/status-badge";
import { linkClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/dashboard/format-money";
import { getPaymentDetailOrThrow } from "@/lib/payments/get-payment-detail";
import { availableActions } from "@/lib/payments/available-actions";
import { AppError } from "@/lib/errors";
import { AdminActions } from "./admin-actions";
import { AttemptsSection } from "./attempts-section";
import { CallbacksSection } from "./callbacks-section";
import { FieldsSection } from "./fields-section";
import { TimelineSection } from "./timeline-section";
import { WebhooksSection } from "./webhooks-section";
import { AuditSection } from "./audit-section";
import { ReceiptLookupsSection } from "./receipt-lookups-section";
import { RefundsSection } from "./refunds-section";
import { findPaymentRefunds } from "@/lib/refunds/find-refunds";
import { paymentB2cShortcode } from "@/lib/refunds/payment-b2c-shortcode";
import { getEnv } from "@/lib/env";
import { findReceiptLookups } from "@/lib/initiator-requests/find-receipt-lookups";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import { resultOverdueBefore } from "@/lib/refunds/unsettled-refunds";

export const metadata: Metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/payments/${encodeURIComponent(id)}`);
  const detail = await getPaymentDetailOrThrow(getDb(), { paymentId: id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const { payment } = detail;
  const [lookups, refunds, b2cShortcode] = await Promise.all([
    findReceiptLookups(getDb(), { paymentId: payment.id }), findPaymentRefunds(getDb(), { paymentId: payment.id }), paymentB2cShortcode(getDb(), getEnv(), payment),
  ]);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/payments" className={linkClass}>← Payments</Link></p>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="payment-title">
          <span data-testid="payment-amount">{formatMoney(payment.amount, payment.currency)}</span> <span className="font-normal text-slate-600">· reference</span> <span data-testid="payment-reference">{payment.reference}</span>
        </h1>
        <span data-testid="payment-status"><StatusBadge status={payment.status} /></span>
        {payment.mode === "TEST" ? <TestBadge /> : null}
        {payment.late ? <Badge tone="amber">Late</Badge> : null}
        {payment.receiptMissing ? <Badge tone="amber">Receipt missing</Badge> : null}
        <span className="text-sm text-slate-600">created <DateTime value={payment.createdAt} suffix /></span>
      </div>
      <div className={user.role === "ADMIN" ? "grid gap-4 lg:grid-cols-3" : ""}>
        <div className="space-y-4 lg:col-span-2">
          <FieldsSection payment={payment} />
          <AttemptsSection attempts={detail.attempts} />
          <TimelineSection events={detail.events} />
          {payment.status === "SUCCEEDED" || refunds.length ? (
            <RefundsSection payment={payment} refunds={refunds} user={user} b2cShortcode={b2cShortcode} overdueBefore={resultOverdueBefore(getEnv().refunds.checkAfterMinutes)} />
          ) : null}
          <CallbacksSection callbacks={detail.callbacks} />
          {!payment.collectionAccount || payment.collectionAccount.rail === DARAJA_RAIL ? (
            <ReceiptLookupsSection paymentId={payment.id} receipt={payment.mpesaReceipt} lookups={lookups} now={new Date()} />
          ) : null}
          <WebhooksSection webhookEvents={detail.webhookEvents} isAdmin={user.role === "ADMIN"} />
          <AuditSection rows={detail.audit} />
        </div>
        {user.role === "ADMIN" ? (
          <div className="space-y-4">
            <AdminActions payment={{ id: payment.id, status: payment.status }} actions={availableActions(payment, detail.attempts)} />
          </div>
        ) : null}
      </div>
    </>
  );
}
